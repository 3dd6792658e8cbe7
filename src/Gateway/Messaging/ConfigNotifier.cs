using Confluent.Kafka;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Interfaces.Messages;

namespace Platform.Gateway.Messaging;

/// <summary>
/// Tells grains that their configuration changed after it was saved. PostgreSQL is the source of truth, so a
/// failed notification loses nothing: the caller gets a 503 saying so and repeats the (idempotent) write.
/// </summary>
public sealed partial class ConfigNotifier(ControlPublisher publisher, ILogger<ConfigNotifier> logger)
{
    /// <summary>Null when every grain was told; otherwise the 503 to return.</summary>
    public async Task<ProblemHttpResult?> NotifyAsync(IEnumerable<GrainKey> grains, string what, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(grains.Distinct().Select(grain => publisher.SendAsync(grain, new ConfigChanged { What = what }, cancellationToken)));
            return null;
        }
        catch (KafkaException e)
        {
            LogNotifyFailed(e, what);
            return TypedResults.Problem(
                "The change is saved, but the grains could not be told (Kafka is unavailable); they use it from their next activation. Repeat the request to notify them now.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Saved, not yet applied");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify grains that {What}")]
    private partial void LogNotifyFailed(Exception exception, string what);
}
