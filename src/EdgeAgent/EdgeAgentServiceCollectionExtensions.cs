using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Cache;
using Platform.EdgeAgent.Clips;
using Platform.EdgeAgent.Commands;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Continuous;
using Platform.EdgeAgent.DesiredConfig;
using Platform.EdgeAgent.Health;
using Platform.EdgeAgent.Live;
using Platform.EdgeAgent.Messaging;
using Platform.EdgeAgent.Spool;
using Platform.EdgeAgent.Status;
using Platform.EdgeAgent.Telemetry;
using Platform.ObjectStorage;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Health;

namespace Platform.EdgeAgent;

public static class EdgeAgentServiceCollectionExtensions
{
    /// <summary>Where /healthz and /readyz listen unless "Health:Urls" says otherwise (the chart's and the image's port).</summary>
    public const string DefaultHealthUrls = "http://0.0.0.0:8082";

    /// <summary>The whole agent: options (validated at start), cache recorders, desired-config follower, command consumer, live streams, clip scheduler, spool uploader, heartbeat.</summary>
    public static IServiceCollection AddEdgeAgent(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EdgeAgentOptions>().Bind(configuration.GetSection(EdgeAgentOptions.SectionName)).ValidateOnStart();
        services.AddOptions<S3Options>().Bind(configuration.GetSection(S3Options.SectionName)).ValidateOnStart();
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeAgentOptions>, EdgeAgentOptionsValidator>();
        services.AddSingleton<IValidateOptions<S3Options>, S3OptionsValidator>();
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();

        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddPlatformShutdown(configuration);
        services.AddSingleton<EdgeAgentTelemetry>();
        services.AddPlatformTelemetry(configuration, "edge-agent", EdgeAgentTelemetry.Name);
        // Ready: the Kafka clients exist and the segment cache can be written (what recording needs first).
        services.AddPlatformHealth(configuration, DefaultHealthUrls)
            .AddReadinessSignals("kafka", KafkaClients.ProducerSignal, CommandConsumer.ReadinessSignal)
            .Add(new HealthCheckRegistration("cache-directory",
                provider => new WritableDirectoryCheck(provider.GetRequiredService<IOptions<EdgeAgentOptions>>().Value.CacheDirectory),
                failureStatus: null, tags: [HealthTags.Ready]));
        services.AddSingleton<KafkaClients>();
        services.AddSingleton(provider => MinioClients.Create(provider.GetRequiredService<IOptions<S3Options>>().Value.Connection));
        services.AddSingleton<IObjectUploader, MinioObjectUploader>();
        services.AddSingleton(provider =>
        {
            var agent = provider.GetRequiredService<IOptions<EdgeAgentOptions>>().Value;
            var sessions = new RecordingSessions(provider.GetRequiredService<TimeProvider>(),
                new RecordingPolicy(agent.MaxClipLength, agent.DedupeWindow));
            return new SessionBook(sessions, agent.SpoolDirectory, provider.GetRequiredService<ILogger<SessionBook>>());
        });
        services.AddSingleton<ClipSpool>();
        services.AddSingleton<ClipStorage>();
        services.AddSingleton<ClipAnnouncer>();
        services.AddSingleton<ClipCutter>();
        services.AddSingleton<LivePublisher>();
        services.AddSingleton<SegmentSpool>();
        services.AddSingleton<SegmentAnnouncer>();
        services.AddSingleton<ContinuousRecording>();

        // Each background service is also a singleton, so that the host and the heartbeat (and tests) share one instance.
        services.AddSingleton<CameraRecorders>();
        services.AddSingleton<DesiredConfigState>();
        services.AddSingleton<DesiredConfigFollower>();
        services.AddSingleton<CommandConsumer>();
        services.AddSingleton<LiveStreams>();
        services.AddSingleton<ClipScheduler>();
        services.AddSingleton<SpoolUploader>();
        services.AddSingleton<SegmentUploader>();
        services.AddSingleton<HeartbeatService>();
        services.AddHostedService(provider =>
        {
            // The host builds its hosted services before it runs the options' start validation: check first.
            EdgeAgentConfigurationCheck.ThrowIfInvalid(configuration);
            return provider.GetRequiredService<CameraRecorders>();
        });
        // Right after the recorders: the saved cloud cameras start with the local ones, before any broker answers.
        services.AddHostedService(provider => provider.GetRequiredService<DesiredConfigFollower>());
        services.AddHostedService(provider => provider.GetRequiredService<CommandConsumer>());
        services.AddHostedService(provider => provider.GetRequiredService<LiveStreams>());
        services.AddHostedService(provider => provider.GetRequiredService<ClipScheduler>());
        services.AddHostedService(provider => provider.GetRequiredService<SpoolUploader>());
        services.AddHostedService(provider =>
        {
            // Built with the hosted services, before any recorder runs: it subscribes to their closed segments.
            _ = provider.GetRequiredService<ContinuousRecording>();
            return provider.GetRequiredService<SegmentUploader>();
        });
        services.AddHostedService(provider => provider.GetRequiredService<HeartbeatService>());
        return services;
    }
}
