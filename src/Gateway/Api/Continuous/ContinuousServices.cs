namespace Platform.Gateway.Api.Continuous;

/// <summary>What /api/cameras/{id}/continuous needs, registered in one call from <see cref="GatewayServices"/> (its retention is in <see cref="Clips.ClipServices"/>).</summary>
public static class ContinuousServices
{
    public static IServiceCollection AddContinuousServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContinuousOptions>().Bind(configuration.GetSection(ContinuousOptions.Section))
            .Validate(o => !o.Problems().Any(), "Continuous options are invalid (see ContinuousOptions.Problems).").ValidateOnStart();
        services.AddSingleton<ExportCache>();
        services.AddSingleton<ContinuousExporter>();
        services.AddHostedService<ExportSweeper>();
        return services;
    }
}
