using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Infrastructure;

public static class ServiceSetup
{
    public const long MaxBodyBytes = 64 * 1024;
    public const long MaxBufferedBytesPerConnection = 64 * 1024;

    public static WebApplicationBuilder AddRepairDispatch(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        DapperSetup.Configure();

        var dbOptions = config.GetSection("RepairDispatch:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = config.GetConnectionString("RepairDispatch")
            ?? (dbOptions.Provider == DatabaseProvider.Sqlite ? "Data Source=data/repairdispatch.db"
                : throw new InvalidOperationException("ConnectionStrings:RepairDispatch is required for SqlServer."));
        var db = new Db(dbOptions.Provider, connectionString, dbOptions.ChaosFaultRate);
        services.AddSingleton(_ => db); // made by a factory, so the container disposes it
        services.AddSingleton(TimeProvider.System);
        Photos.BlobStoreSetup.AddBlobStore(services, config, connectionString, dbOptions.Provider == DatabaseProvider.Sqlite);
        services.Configure<Stores.StoreOptions>(config.GetSection("RepairDispatch:Stores"));
        services.Configure<OldParts.OldPartOptions>(config.GetSection("RepairDispatch:OldParts"));
        services.AddSingleton<OldParts.LabelFont>();
        services.AddSingleton<Stores.StoreClock>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<Idempotency>();
        services.AddHardening(config);
        services.AddSingleton<Dispatch.ITravelTimesProvider, Dispatch.GreatCircleTravelTimesProvider>();

        services.Configure<AuthOptions>(config.GetSection("RepairDispatch:Auth"));
        services.Configure<RepairDispatch.Api.Settlements.PricingOptions>(config.GetSection("RepairDispatch:Pricing"));
        services.Configure<RetentionOptions>(config.GetSection("RepairDispatch:Retention"));
        services.Configure<Dispatch.DispatchOptions>(config.GetSection("RepairDispatch:Dispatch"));
        var authOptions = config.GetSection("RepairDispatch:Auth").Get<AuthOptions>() ?? new AuthOptions();
        var key = SigningKey.Resolve(authOptions, db);
        services.AddSingleton(key);
        services.AddSingleton<Tokens>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = Tokens.Validation(authOptions, key);
                o.Events = new JwtBearerEvents { OnTokenValidated = Clients.ClientTokens.CheckStillValid };
            })
            .AddDashboardCookie();
        services.AddSharedDataProtection(config);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TimeProvider>((o, clock) => o.TokenValidationParameters.LifetimeValidator = Tokens.Lifetime(clock));
        var authorization = services.AddAuthorizationBuilder();
        Policies.Add(authorization);
        Clients.ClientScopes.AddPolicies(authorization);
        DashboardSession.AddPolicy(authorization);
        services.AddAntiforgery(); // Hangfire's dashboard protects its POST actions with it when present
        services.AddRateLimiter(o => RateLimits.Configure(o, authOptions));
        // Browsers may call the API only from the origins an operator lists (the console's own origin needs none).
        var origins = config.GetSection("RepairDispatch:Cors:Origins").Get<string[]>() ?? [];
        services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod()
            .WithExposedHeaders("ETag", "Location", "Retry-After", "RateLimit-Limit", "RateLimit-Reset")));

        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
        services.AddExceptionHandler<ErrorHandling>();
        services.AddValidation();
        services.AddRepairDispatchLocalization();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<Calendar.CalendarHealthCheck>("calendar", tags: ["ready"]);
        services.AddRepairDispatchOpenApi();
        Public.PublicApi.AddPublic(services, config); // after the rate limiter and OpenAPI it adds to
        services.AddJobs(config, db);
        Notifications.NotificationsSetup.AddNotifications(services, config);
        services.AddSingleton<RepairDispatch.Api.Demo.DemoData>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
            k.Limits.MaxRequestBufferSize = MaxBufferedBytesPerConnection; // behind TLS
        });
        // What a connection may hold of a body the app has not read yet; the default of 1 MB of pinned buffers per
        // connection was most of the service's memory with 200 phones uploading photos at once (docs/photos.md).
        builder.WebHost.UseSockets(o => o.MaxReadBufferSize = MaxBufferedBytesPerConnection);
        builder.AddTelemetry();
        services.AddSingleton<OutboxBacklogGauge>();
        return builder;
    }
}

public static class Json
{
    public static void Configure(System.Text.Json.JsonSerializerOptions o)
    {
        o.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.RespectNullableAnnotations = true;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Chinese names and faults stay readable in responses (HTML-sensitive characters are still escaped).
        o.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    }
}

public static class RateLimits
{
    public const int ReplenishSeconds = 10;

    public static void Configure(RateLimiterOptions o, AuthOptions auth)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(AuthApi.LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
            "login:" + http.Connection.RemoteIpAddress,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.LoginRequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirst("sub")?.Value ?? "anon:" + http.Connection.RemoteIpAddress,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = auth.RequestsPerMinute,
                    TokensPerPeriod = Math.Max(1, auth.RequestsPerMinute / 6),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(ReplenishSeconds),
                    QueueLimit = 0,
                }));
        o.OnRejected = async (ctx, ct) =>
        {
            var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 10;
            ctx.HttpContext.Response.Headers.RetryAfter = Math.Max(1, retry).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Problems.TooManyRequests(Codes.Refusal.RateLimited)
                .ExecuteAsync(ctx.HttpContext);
        };
    }
}
