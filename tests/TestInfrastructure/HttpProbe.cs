namespace MultiCluster.TestInfrastructure;

/// <summary>Waits, bounded, for an HTTP endpoint (a probe such as /readyz) to answer 200.</summary>
public static class HttpProbe
{
    /// <summary>Returns once <paramref name="url"/> answers 200; throws with <paramref name="describe"/>'s text after <see cref="Bounded.Timeout"/>.</summary>
    public static async Task WaitUntilOkAsync(Uri url, Func<string> describe)
    {
        ArgumentNullException.ThrowIfNull(describe);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{url} did not answer 200 within {Bounded.Timeout}. {describe()}");
    }
}
