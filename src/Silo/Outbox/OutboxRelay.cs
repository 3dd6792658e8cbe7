using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Messaging;
using Platform.Silo.Kafka;
using Platform.Silo.Storage;
using Platform.Silo.Telemetry;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace Platform.Silo.Outbox;

/// <summary>
/// Sends the outbox messages of each committed group of grain writes, in commit order on the silo's one producer
/// (per-key order is kept), without holding up the next commit; rows of messages the broker acknowledged are
/// deleted in batches. A message the silo did not get to send (it died) stays in the table for
/// <see cref="OutboxSweeper"/>; a message sent twice carries the same id both times, which consumers recognise.
/// </summary>
public sealed partial class OutboxRelay : IAsyncDisposable
{
    private static readonly TimeSpan DeleteInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    private readonly SharedProducer producer;
    private readonly NpgsqlDataSource dataSource;
    private readonly SiloTelemetry telemetry;
    private readonly TimeProvider time;
    private readonly ILogger<OutboxRelay> logger;
    private readonly ConcurrentQueue<string> delivered = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task deleter;

    public OutboxRelay(SharedProducer producer, NpgsqlDataSource dataSource, SiloTelemetry telemetry, TimeProvider time, ILogger<OutboxRelay> logger)
    {
        this.producer = producer;
        this.dataSource = dataSource;
        this.telemetry = telemetry;
        this.time = time;
        this.logger = logger;
        deleter = Task.Run(() => DeleteDeliveredAsync(stopping.Token));
    }

    /// <summary>Hands committed messages to the producer; returns at once.</summary>
    public void Send(IReadOnlyList<OutboxMessage> messages)
    {
        foreach (var message in messages)
        {
            var kafkaMessage = new Message<string, byte[]> { Key = message.Key, Value = message.Payload, Headers = Headers(message.TraceParent) };
            while (true)
            {
                try
                {
                    producer.Producer.Produce(message.Topic, kafkaMessage, report => OnDelivered(message, report));
                    break;
                }
                catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }
    }

    /// <summary>Waits a little for what is in flight and deletes what was delivered; the rest is the sweeper's.</summary>
    public async ValueTask DisposeAsync()
    {
        producer.Producer.Flush(FlushTimeout);
        await stopping.CancelAsync();
        await deleter;
        await DeleteAsync(CancellationToken.None);
        stopping.Dispose();
    }

    internal static Headers Headers(string? traceParent)
    {
        var headers = new Headers();
        if (traceParent is not null)
        {
            headers.Add(TraceContextHeaders.TraceParent, Encoding.ASCII.GetBytes(traceParent));
        }

        return headers;
    }

    private void OnDelivered(OutboxMessage message, DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            // Messages are retried until delivered (no timeout): an error here is fatal for the producer. The row stays.
            LogDeliveryFailed(message.Topic, message.Id, report.Error.Reason);
            return;
        }

        telemetry.OutboxSent.Add(1, new KeyValuePair<string, object?>("topic", message.Topic));
        delivered.Enqueue(message.Id);
    }

    private async Task DeleteDeliveredAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(DeleteInterval, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await DeleteAsync(cancellationToken);
        }
    }

    private async Task DeleteAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        while (delivered.TryDequeue(out var id))
        {
            ids.Add(id);
        }

        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            await using var command = dataSource.CreateCommand("DELETE FROM outbox WHERE id = ANY($1)");
            command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // PostgreSQL away (or stopping): the rows stay and are sent again later, with the same ids.
            LogDeleteFailed(ids.Count, e.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Error, Message = "Delivery of {Topic} message {Id} failed ({Reason}); its outbox row stays for the sweeper")]
    private partial void LogDeliveryFailed(string topic, string id, string reason);

    [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "Could not delete {Count} delivered outbox rows ({Error}); they may be sent again")]
    private partial void LogDeleteFailed(int count, string error);
}
