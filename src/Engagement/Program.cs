using Engagement;
using JasperFx;

var builder = WebApplication.CreateBuilder(args);
builder.AddEngagement();

var app = builder.Build();
app.UseEngagement();

return await app.RunJasperFxCommands(args);

public partial class Program;
