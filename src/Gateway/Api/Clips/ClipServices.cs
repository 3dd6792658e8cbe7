using Microsoft.Extensions.Options;
using Platform.Gateway.Configuration;
using Platform.Gateway.Storage;
using Platform.ObjectStorage;
using Platform.Gateway.Retention;

namespace Platform.Gateway.Api.Clips;

/// <summary>What /api/clips and clip retention need, registered in one call from <see cref="GatewayServices"/>.</summary>
public static class ClipServices
{
    public static IServiceCollection AddClipServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => MinioClients.Create(sp.GetRequiredService<IOptions<S3StorageOptions>>().Value.Connection));
        services.AddHttpClient(MinioClipObjects.RangeClient);
        services.AddSingleton<IClipObjects, MinioClipObjects>();
        services.AddSingleton<ClipRemoval>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddSingleton<RetentionPass>();
        services.AddSingleton<ContinuousRetentionPass>();
        services.AddHostedService<RetentionService>();
        return services;
    }
}
