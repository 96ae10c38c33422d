using PartnershipBot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPartnershipBot();

var app = builder.Build();
app.MapPartnershipBot();
app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
