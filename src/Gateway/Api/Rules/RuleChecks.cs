using System.Security.Claims;
using Npgsql;
using Platform.Gateway.Api.Sensors;
using Platform.Gateway.Http;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Rules;
using Platform.Grains.Rules;

namespace Platform.Gateway.Api.Rules;

/// <summary>
/// A rule is checked by the silo's own validator against each sensor it watches (zone and line references), and
/// the cameras of its record actions must exist and be visible to the caller, as must every sensor, and its classes
/// must be ones a detector reports (<see cref="RuleVocabularyOptions"/>).
/// </summary>
public static class RuleChecks
{
    public static async Task<FieldErrors> CheckAsync(
        NpgsqlDataSource db, ClaimsPrincipal user, Rule rule, RuleVocabularyOptions vocabulary, FieldErrors errors, CancellationToken cancellationToken)
    {
        CheckClasses(rule.Condition, vocabulary, errors);

        var knownCameras = new HashSet<CameraId>();
        foreach (var camera in rule.Actions?.OfType<RecordAction>().Select(a => a.CameraId).OfType<CameraId>() ?? [])
        {
            if (await Cameras.CameraEndpoints.FindAsync(db, user, camera.Value, cancellationToken) is not null)
            {
                knownCameras.Add(camera);
            }
        }

        var sensorIds = rule.SensorIds ?? [];
        var sensors = new List<SensorConfig>();
        for (var i = 0; i < sensorIds.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(sensorIds[i].Value))
            {
                continue; // the validator names it
            }

            if (await SensorEndpoints.FindAsync(db, user, sensorIds[i].Value, cancellationToken) is not { } sensor)
            {
                errors.Add($"sensorIds[{i}]", $"No sensor '{sensorIds[i].Value}'.");
                continue;
            }

            sensors.Add(new SensorConfig
            {
                SensorId = sensorIds[i],
                CameraId = sensor.CameraId is null ? null : new CameraId(sensor.CameraId),
                Zones = sensor.Zones,
                Lines = sensor.Lines,
            });
        }

        if (rule.Id.Value is { } id && !string.IsNullOrEmpty(id) && !ResourceId.IsValid(id))
        {
            errors.Add("id", ResourceId.Rule);
        }

        // Without a known sensor the rule is still checked alone, so that all its own fields are reported.
        var problems = sensors.Count == 0
            ? RuleValidator.ValidateRule(rule, null, knownCameras)
            : sensors.SelectMany(sensor => RuleValidator.ValidateRule(rule, sensor, knownCameras));
        foreach (var problem in problems.Distinct())
        {
            errors.Add(problem.Path, problem.Message);
        }

        return errors;
    }

    private static void CheckClasses(RuleCondition? condition, RuleVocabularyOptions vocabulary, FieldErrors errors)
    {
        var classes = RuleClasses.Of(condition) ?? [];
        for (var i = 0; i < classes.Count; i++)
        {
            // Blank ones are the validator's ("must not be empty").
            if (!string.IsNullOrWhiteSpace(classes[i]) && !vocabulary.IsKnown(classes[i]))
            {
                errors.Add($"condition.classes[{i}]",
                    $"No detector reports the class '{classes[i]}', so the rule would never fire. Known classes: {string.Join(", ", vocabulary.Classes)}.");
            }
        }
    }
}
