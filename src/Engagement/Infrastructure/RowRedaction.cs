namespace Engagement.Infrastructure;

/// <summary>
/// What rows written outside JSON (CSV exports) go through, as JSON answers go through the answer redaction: the rows
/// with what this reader may not see taken out.
/// </summary>
public interface IRowRedaction
{
    ValueTask<Func<T, T>> ForAsync<T>(HttpContext http);
}
