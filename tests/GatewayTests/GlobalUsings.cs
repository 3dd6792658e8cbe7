global using Xunit;
global using Platform.GatewayTesting;
