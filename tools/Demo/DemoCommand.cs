using System.CommandLine;
using Grpc.Core;

namespace MultiCluster.Demo;

/// <summary>
/// The demo's command line: the mesh's addresses (./run.sh's ports by default), what to load and ask, and the run with
/// its failures turned into one line each (what was wrong, what to do) and exit code 1.
/// </summary>
public static class DemoCommand
{
    public static RootCommand Create()
    {
        var orchestrator = Address("--orchestrator", "The Orchestrator's gRPC address", 5100);
        var discovery = Address("--discovery", "Discovery's gRPC address", 5101);
        var specialization = Address("--specialization", "Specialization's gRPC address", 5102);
        var apiKey = new Option<string?>("--api-key") { Description = "API key sent as x-api-key (default: $MCCTL_API_KEY)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MCCTL_API_KEY") };
        var library = new Option<string>("--library") { Description = "Library to (re)create", DefaultValueFactory = _ => "fashion-demo" };
        var data = new Option<string>("--data") { Description = "Directory of the Fashion-MNIST IDX files", DefaultValueFactory = _ => FashionMnist.DefaultDirectory };
        var images = new Option<int>("--images") { Description = "Training images to load (1..60000)", DefaultValueFactory = _ => 6000 };
        var domains = new Option<int>("--domains") { Description = "Domains Discovery looks for (2..64)", DefaultValueFactory = _ => 10 };
        var queries = new Option<int>("--queries") { Description = "Test images searched (1..10000)", DefaultValueFactory = _ => 20 };
        var minRecall = new Option<double>("--min-recall") { Description = "Exit 1 when the mean recall@10 is below this (0..1)", DefaultValueFactory = _ => 0 };
        var stepTimeout = new Option<int>("--step-timeout") { Description = "Seconds each step may take", DefaultValueFactory = _ => 600 };
        InRange(images, 1, 60_000);
        InRange(domains, 2, 64);
        InRange(queries, 1, 10_000);

        var root = new RootCommand("Loads Fashion-MNIST into the running mesh, lets it find and place the domains, and checks routed searches against exhaustive ones.")
        {
            orchestrator, discovery, specialization, apiKey, library, data, images, domains, queries, minRecall, stepTimeout,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            using var mesh = new MeshClients(parse.GetValue(orchestrator)!, parse.GetValue(discovery)!, parse.GetValue(specialization)!, parse.GetValue(apiKey));
            var settings = new DemoSettings(parse.GetValue(library)!, parse.GetValue(data)!, parse.GetValue(images), parse.GetValue(domains), parse.GetValue(queries), TimeSpan.FromSeconds(parse.GetValue(stepTimeout)));
            try
            {
                var recall = await new DemoRun(mesh, settings, Console.Out, new ProgressLine(Console.Out, interactive: !Console.IsOutputRedirected)).RunAsync(cancellationToken);
                if (recall < parse.GetValue(minRecall))
                {
                    Console.Error.WriteLine($"demo: mean recall@10 {recall:F3} is below --min-recall {parse.GetValue(minRecall):F3}");
                    return 1;
                }

                return 0;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                Console.Error.WriteLine($"demo: no answer from the mesh at {string.Join(", ", mesh.Addresses)} ({e.Status.Detail}); start it with ./run.sh, or pass --orchestrator/--discovery/--specialization.");
                return 1;
            }
            catch (RpcException e)
            {
                Console.Error.WriteLine($"demo: the mesh answered {e.StatusCode}: {e.Status.Detail}");
                return 1;
            }
            catch (Exception e) when (e is DemoException or FileNotFoundException)
            {
                Console.Error.WriteLine("demo: " + e.Message);
                return 1;
            }
        });
        return root;
    }

    private static void InRange(Option<int> option, int low, int high) => option.Validators.Add(result =>
    {
        if (result.GetValue(option) < low || result.GetValue(option) > high)
        {
            result.AddError($"{option.Name} must be between {low} and {high}");
        }
    });

    // An http(s) address; ./run.sh's port on this machine by default.
    private static Option<Uri> Address(string name, string description, int port) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => new Uri($"http://127.0.0.1:{port}"),
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
            {
                return address;
            }

            result.AddError($"{name} takes an address such as http://127.0.0.1:{port}, not '{text}'");
            return null;
        },
    };
}
