using Engagement.Infrastructure;
using Engagement.Access;
using Engagement.Calendars;
using Engagement.Confidentiality;
using Engagement.Admin;
using Engagement.Imports;
using Engagement.Live;
using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.ReadModels;
using Engagement.Stakeholders;
using Engagement.Suggestions;
using Engagement.Timelines;
using Engagement.Web;
using Engagement.Webhooks;
using Engagement.Work;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using Marten;
using Weasel.Core;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Engagement;

public static class Setup
{
    /// <summary>The PostgreSQL schema of the store and of Wolverine's tables.</summary>
    public const string Schema = "engagement";

    public static void AddEngagement(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(o => JsonConventions.Apply(o.SerializerOptions));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemConventions.Customize);
        builder.Services.AddExceptionHandler<ExceptionProblems>();
        builder.Services.AddApiDocument(policy => Policies.Roles[policy].Length == Enum.GetValues<Role>().Length);
        builder.AddAccess();
        builder.AddRetention();
        builder.Services.AddOutageAwareAuthentication();
        builder.AddHealth();
        builder.AddLive();
        builder.AddAdmin();
        builder.AddKeyRing();
        builder.AddRateLimits();
        builder.AddTelemetry();
        builder.AddWork();
        builder.Services.AddSingleton<IRowRedaction, RowRedaction>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = Limits.RequestBodyBytes;
            RequestHeadLimits.RaiseKestrelLimits(k.Limits);
            k.ConfigureEndpointDefaults(ServerAnswers.Listen);
        });

        builder.Services.AddMarten(sp =>
            {
                var connectionString = builder.Configuration.GetConnectionString("Engagement");
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException(
                        "No database configured: set ConnectionStrings__Engagement (for example " +
                        "'Host=127.0.0.1;Port=55432;Username=postgres;Database=engagement'), or use ops/run.");
                var options = new StoreOptions();
                options.Connection(connectionString);
                options.Logger(new StoreLog(sp.GetRequiredService<ILogger<IDocumentStore>>()));
                options.DatabaseSchemaName = Schema;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Schema.For<IdempotentRequest>().Identity(x => x.Id).Index(x => x.ReceivedAt);
                options.ConfigureAccess();
                options.ConfigureOrganizations();
                options.ConfigurePeople();
                options.ConfigureMeetings();
                options.ConfigureSuggestions();
                options.ConfigureCommitments();
                options.ConfigureStakeholders();
                options.ConfigureTimelines();
                options.ConfigureMeetingSearch();
                options.ConfigurePastStates();
                options.ConfigureTelemetry();
                options.ConfigureCalendars();
                options.ConfigureImports();
                options.ConfigureConfidentiality();
                return options;
            })
            .UseLightweightSessions()
            // Wolverine runs the async projections and subscriptions, each on exactly one node of the cluster (not
            // Marten's HotCold mode, whose leader lock needs a DistributedLock.Core type the ops/shim stand-in lacks).
            .IntegrateWithWolverine(w => w.UseWolverineManagedEventSubscriptionDistribution = true)
            .SubscribeToEventsWithServices<CommitmentDueDates>(ServiceLifetime.Singleton)
            .SubscribeToEventsWithServices<ReminderDates>(ServiceLifetime.Singleton);
        builder.AddHealthRules();
        builder.ConfigureWebhooks();

        // First of all hosted services: everything after it reads the schema.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StoreSchema>());
        builder.Services.AddHostedService<Predecessor>();
        builder.Host.UseWolverine(opts =>
        {
            // Explicit, so handlers and endpoints are found whatever process hosts the service (a benchmark runner).
            opts.ApplicationAssembly = typeof(Setup).Assembly;
            opts.Policies.AutoApplyTransactions();
            // Dynamic compiles handlers at start-up; the container image pre-generates them and runs Static (faster cold start).
            opts.CodeGeneration.TypeLoadMode = builder.Configuration.GetValue("Engagement:CodeGeneration", TypeLoadMode.Dynamic);
            // A node killed without stopping keeps its projections and subscriptions until its peers call it dead: with the
            // defaults (a heartbeat every 10 s, stale after 1 min) a restarted service waited ~50 s for its own agents.
            // Stale after 5 s without a heartbeat, ejected at the next check, and its agents start at once elsewhere.
            // A service restarted on the same address frees its killed predecessor at once (Predecessor).
            opts.Durability.FirstHealthCheckExecution = TimeSpan.FromMilliseconds(250);
            opts.Durability.HealthCheckPollingTime = TimeSpan.FromMilliseconds(500);
            opts.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(5);
            opts.ConfigureOverdueChecks();
            opts.ConfigureReminders();
            opts.ConfigureImports();
        });
        builder.Services.AddHostedService<Predecessor.Note>();
        builder.Services.AddWolverineHttp();
    }

    public static void UseEngagement(this WebApplication app)
    {
        // First: it tells the service's answers from Kestrel's own, which it rewrites.
        app.UseMiddleware<ServerAnswers>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestHeadLimits>();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseTelemetry();
        app.UseMiddleware<SessionAntiforgery>();
        app.UseMiddleware<QueryText>();
        app.UseMiddleware<NullBody>();
        app.UseMiddleware<JsonBody>();
        app.UseMiddleware<Idempotency>();
        app.UseMiddleware<ConcurrencyRetry>();
        app.UseMiddleware<RedactAnswers>();
        app.MapApiDocument(Policies.Read);
        app.MapSignIn();
        app.MapCalendars();
        app.MapPages();
        app.MapWolverineEndpoints(opts =>
        {
            opts.RejectUnparseableQueryValues = true;
            opts.ConfigureEndpoints(Policies.Apply);

            opts.AddMiddleware(typeof(RecordingContext), chain => chain.HttpMethods.Any(m => m != HttpMethods.Get));
            opts.AddMiddleware(typeof(IdempotencyEnlistment), chain => chain.HttpMethods.Contains(HttpMethods.Post));
        });
    }
}
