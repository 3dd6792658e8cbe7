using Platform.Grains.Interfaces.Edge;

namespace Platform.UnitTests.Grains.Edge;

public sealed class EdgeSecretBoxTests
{
    private readonly string key = EdgeSecretBox.NewKey();

    [Theory]
    [InlineData("hunter2")]
    [InlineData("")]
    [InlineData("pä:ss/w@rd 🔑")]
    public void A_sealed_password_opens_with_its_key_agent_and_camera(string password) =>
        Assert.Equal(password, EdgeSecretBox.Open(key, "edge-1", "door", EdgeSecretBox.Seal(key, "edge-1", "door", password)));

    [Fact]
    public void It_opens_for_nobody_else_and_not_after_tampering()
    {
        var sealedPassword = EdgeSecretBox.Seal(key, "edge-1", "door", "hunter2");
        var bytes = Convert.FromBase64String(sealedPassword);
        bytes[^1] ^= 1;

        Assert.Null(EdgeSecretBox.Open(EdgeSecretBox.NewKey(), "edge-1", "door", sealedPassword));
        Assert.Null(EdgeSecretBox.Open(key, "edge-2", "door", sealedPassword));
        Assert.Null(EdgeSecretBox.Open(key, "edge-1", "gate", sealedPassword));
        Assert.Null(EdgeSecretBox.Open(key, "edge-1", "door", Convert.ToBase64String(bytes)));
        Assert.Null(EdgeSecretBox.Open(key, "edge-1", "door", "not base64!"));
        Assert.Null(EdgeSecretBox.Open(key, "edge-1", "door", "AAAA"));
        Assert.DoesNotContain("hunter2", sealedPassword, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_seal_is_new_so_equal_passwords_do_not_show_as_equal() =>
        Assert.NotEqual(EdgeSecretBox.Seal(key, "a", "c", "same"), EdgeSecretBox.Seal(key, "a", "c", "same"));

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("c2hvcnQ=", false)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", true)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", false)]
    public void A_key_is_base64_of_32_bytes(string? candidate, bool valid) => Assert.Equal(valid, EdgeSecretBox.IsKey(candidate));
}
