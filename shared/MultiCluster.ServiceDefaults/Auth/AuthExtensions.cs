using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MultiCluster.ServiceDefaults.Auth;

/// <summary>API-key authentication of every gRPC call, unless Auth:Enabled is false.</summary>
public static class AuthExtensions
{
    public static WebApplicationBuilder AddApiKeyAuth(this WebApplicationBuilder builder, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<AuthStartupLog>();
        if (options.Enabled)
        {
            builder.Services.AddSingleton(new ApiKeyStore(options));
            builder.Services.AddSingleton<CallAuthorizer>();
            builder.Services.AddSingleton<ApiKeyInterceptor>();
            builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<ApiKeyInterceptor>());
        }

        return builder;
    }
}
