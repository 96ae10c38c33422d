using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PartnershipBot.Tests.Fakes;

/// <summary>A minimal Kestrel app on 127.0.0.1 with a free port: the base of every fake service.</summary>
public abstract class FakeServer : IAsyncDisposable
{
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    protected abstract bool UseHttps { get; }

    protected abstract void Map(IEndpointRouteBuilder endpoints);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen =>
        {
            if (UseHttps)
            {
                listen.UseHttps(TestCertificate.Instance);
            }
        }));
        _app = builder.Build();
        Map(_app);
        await _app.StartAsync();
        var address = _app.Urls.First();
        BaseUrl = address.TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
