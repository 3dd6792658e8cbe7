using System.Text.Json;
using Platform.Gateway.Http;
using Platform.Grains.Interfaces.Json;

namespace Platform.UnitTests.Gateway;

public sealed class JsonFieldProblemsTests
{
    private static Dictionary<string, string[]> Problems(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonFieldProblems.Find(document.RootElement, RulesJsonContext.Default.Rule);
    }

    [Fact]
    public void Every_value_that_cannot_become_its_type_is_named_by_path_in_plain_words()
    {
        var problems = Problems("""
            {"id":"typos","name":"Typos","cooldown":"abc","enabled":"yes",
             "condition":{"type":"line-crossing","lineId":"gate","direction":"sideways","classes":"Person"},
             "actions":[{"type":"record","preRoll":5},{"type":"alert","severity":"loud"},{"type":"email"}]}
            """);

        Assert.Equal(["actions[0].preRoll", "actions[1].severity", "actions[2].type", "condition.classes", "condition.direction", "cooldown", "enabled"],
            problems.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Must be a duration such as \"00:00:30\" (hours:minutes:seconds) or \"1.00:00:00\" (a day).", problems["cooldown"][0]);
        Assert.Equal("Must be true or false.", problems["enabled"][0]);
        Assert.Equal("Must be a list ([ … ]).", problems["condition.classes"][0]);
        Assert.Equal("Must be one of \"either\", \"a-to-b\", \"b-to-a\".", problems["condition.direction"][0]);
        Assert.StartsWith("Must be one of \"info\"", problems["actions[1].severity"][0], StringComparison.Ordinal);
        Assert.StartsWith("Unknown \"email\"; one of record, alert", problems["actions[2].type"][0], StringComparison.Ordinal);
        Assert.DoesNotContain(problems.Values.SelectMany(m => m), m => m.Contains("Platform.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_condition_without_a_type_names_its_type_field_and_the_kinds_there_are()
    {
        var problems = Problems("""{"id":"x","name":"x","condition":{"zoneId":"door"}}""");

        var message = Assert.Single(problems["condition.type"]);
        Assert.StartsWith("Required: one of object-in-zone, line-crossing", message, StringComparison.Ordinal);
        Assert.Contains("analytics-event", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_fits_has_no_problems_and_nulls_and_unknown_fields_are_left_to_the_validator()
    {
        Assert.Empty(Problems("""
            {"id":"ok","name":"Fine","cooldown":"00:00:30","unknownField":[1,2],"schedule":null,
             "condition":{"type":"object-in-zone","zoneId":"door","trigger":"on-enter"},
             "actions":[{"type":"record","preRoll":"00:00:05"}]}
            """));
    }
}
