namespace Engagement.Work;

public static class Configuration
{
    public static void AddWork(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton(WorkSettings.From(builder.Configuration));
}
