using System.Threading.Channels;

namespace Platform.Gateway.Api.Alerts;

/// <summary>One live subscriber of the <see cref="AlertFeed"/>; disposing it unsubscribes.</summary>
public sealed class AlertSubscription(ChannelReader<Alert> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<Alert> Reader { get; } = reader;

    public void Dispose() => unsubscribe();
}
