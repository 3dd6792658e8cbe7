namespace Platform.GatewayTests.Faults;

/// <summary>A path or query parameter of an operation, as the OpenAPI document declares it.</summary>
internal sealed record OpenApiParameter(string Name, string In, string? Type, bool Required);
