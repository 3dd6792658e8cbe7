using System.Diagnostics;
using Confluent.Kafka;
using Npgsql;
using Platform.LocalInfra;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.EndToEndTests;

/// <summary>
/// `./platform infra up` runs the local infrastructure as its own process; other processes (the silo, the
/// gateway, an agent, a developer's kcat) use it through the ports it writes to its env file.
/// </summary>
public sealed class InfraProcessTests : IDisposable
{
    private readonly TempDirectory directory = new("infra-e2e");

    [Fact]
    public async Task Infra_process_serves_every_part_to_another_process_and_stops_all_it_started_on_sigterm()
    {
        var envFile = Path.Combine(directory.Path, "infra.env");
        var infra = Process.Start(new ProcessStartInfo("dotnet", [BuiltTool.Path("tools/Infra", "Platform.Infra"), "--env-file", envFile, "--cameras", "cam1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            await Eventually.WaitAsync(() => File.Exists(envFile) || infra.HasExited, TimeSpan.FromSeconds(90), "the infra env file");
            if (infra.HasExited)
            {
                Assert.Fail($"platform-infra exited with {infra.ExitCode}: {await infra.StandardError.ReadToEndAsync()}");
            }

            var env = EnvFile.Read(envFile);
            Assert.Equal(infra.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), env["INFRA_PID"]);

            await AssertKafkaRoundTripAsync(env["KAFKA_BOOTSTRAP"]);
            await AssertPostgresAnswersAsync(env["POSTGRES_CONNECTION"]);
            using (var http = new HttpClient())
            {
                // Anonymous requests are accepted by the local S3 server; it lists buckets as XML.
                var listing = await http.GetStringAsync(new Uri(env["S3_URL"]));
                Assert.Contains("ListAllMyBucketsResult", listing, StringComparison.Ordinal);
            }

            Assert.StartsWith("rtsp://127.0.0.1:", env["RTSP_CAM1"], StringComparison.Ordinal);
            var children = ProcessTable.DescendantsOf(infra.Id);
            Assert.True(children.Count >= 3, $"expected postgres, the S3 server and the camera below the infra process, found {children.Count}");

            SendSigterm(infra.Id);
            await infra.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

            Assert.Equal(0, infra.ExitCode);
            Assert.DoesNotContain(children, ProcessTable.IsAlive);
            Assert.False(File.Exists(envFile), "the env file still points at servers that are gone");
        }
        finally
        {
            if (!infra.HasExited)
            {
                infra.Kill(entireProcessTree: true);
            }

            infra.Dispose();
        }
    }

    public void Dispose() => directory.Dispose();

    private static async Task AssertKafkaRoundTripAsync(string bootstrapServers)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrapServers }).Build();
        var delivered = await producer.ProduceAsync(PlatformTopics.DeepStreamEvents,
            new Message<string, string> { Key = "sensor-1", Value = "from another process" });
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "e2e" }).Build();
        consumer.Assign(delivered.TopicPartitionOffset);
        var consumed = consumer.Consume(TimeSpan.FromSeconds(10));
        Assert.Equal("from another process", consumed?.Message.Value);
    }

    private static async Task AssertPostgresAnswersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_user", connection);
        Assert.Equal(PostgresServer.UserName, await command.ExecuteScalarAsync());
    }

    private static void SendSigterm(int pid)
    {
        using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
