using Engagement.Infrastructure;
using Engagement.Access;
using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.Stakeholders;
using Engagement.Suggestions;
using Engagement.Timelines;
using Engagement.Web;
using Engagement.Webhooks;
using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using Marten;
using Scalar.AspNetCore;
using Weasel.Core;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Engagement;

public static class Setup
{
    public static void AddEngagement(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(o => JsonConventions.Apply(o.SerializerOptions));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemConventions.Customize);
        builder.Services.AddExceptionHandler<ExceptionProblems>();
        builder.Services.AddOpenApi(o =>
        {
            o.AddSchemaTransformer(KebabEnumConverter.Describe);
            // Each route's name (RegisterOrganization, ListAsks, ...) is its operation id in the document.
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor is WolverineActionDescriptor action
                    && action.Chain.Method.Method.GetCustomAttribute<WolverineHttpMethodAttribute>() is { Name: { Length: > 0 } name })
                    operation.OperationId = name;
                return Task.CompletedTask;
            });
        });
        builder.AddAccess();
        builder.AddRetention();
        builder.AddKeyRing();
        builder.AddRateLimits();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Limits.RequestBodyBytes);

        builder.Services.AddMarten(sp =>
            {
                var connectionString = builder.Configuration.GetConnectionString("Engagement");
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException(
                        "No database configured: set ConnectionStrings__Engagement (for example " +
                        "'Host=127.0.0.1;Port=55432;Username=postgres;Database=engagement'), or use ops/run.");
                var options = new StoreOptions();
                options.Connection(connectionString);
                options.DatabaseSchemaName = "engagement";
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
                return options;
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            // Wolverine runs the async projections and subscriptions, each on exactly one node of the cluster (not
            // Marten's HotCold mode, whose leader lock needs a DistributedLock.Core type the ops/shim stand-in lacks).
            .IntegrateWithWolverine(w => w.UseWolverineManagedEventSubscriptionDistribution = true)
            .SubscribeToEventsWithServices<CommitmentDueDates>(ServiceLifetime.Singleton);
        builder.AddHealthRules();
        builder.ConfigureWebhooks();

        builder.Host.UseWolverine(opts =>
        {
            // Explicit, so handlers and endpoints are found whatever process hosts the service (a benchmark runner).
            opts.ApplicationAssembly = typeof(Setup).Assembly;
            opts.Policies.AutoApplyTransactions();
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
            opts.ConfigureOverdueChecks();
        });
        builder.Services.AddWolverineHttp();
    }

    public static void UseEngagement(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<QueryText>();
        app.UseMiddleware<NullBody>();
        app.UseMiddleware<Idempotency>();
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(Policies.Read);
        // The reference uses system fonts: its default ones come from fonts.scalar.com, which the page CSP (font-src 'self') refuses.
        app.MapScalarApiReference("/docs", o => o.DisableDefaultFonts()).RequireAuthorization(Policies.Read);
        app.MapSignIn();
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
