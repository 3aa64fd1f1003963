using Engagement.Infrastructure;

namespace Engagement.Confidentiality;

public sealed class RowRedaction : IRowRedaction
{
    public async ValueTask<Func<T, T>> ForAsync<T>(HttpContext http)
    {
        var redaction = await Redaction.ForAsync(http);
        return redaction.Any ? redaction.Apply : row => row;
    }
}
