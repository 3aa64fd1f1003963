using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Engagement.Access;

/// <summary>
/// The frame of the pages shown before signing in (sign-in, setting a password): landmarks, labelled fields, a visible
/// focus ring and text at 4.5:1 contrast or more on its background.
/// </summary>
public static class AuthPages
{
    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>The anti-forgery field comes first in every form, where the form's tests look for it.</summary>
    public static string AntiforgeryField(AntiforgeryTokenSet tokens) =>
        $"<input type=\"hidden\" name=\"{Encode(tokens.FormFieldName)}\" value=\"{Encode(tokens.RequestToken)}\">";

    public static IResult Html(string title, string main, int status = StatusCodes.Status200OK) =>
        Results.Content(Frame(title, main), "text/html; charset=utf-8", statusCode: status);

    private static string Frame(string title, string main) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{{Encode(title)}} · Engagement</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font-family:system-ui,sans-serif;color:#1a1a1a;background:#fff;max-width:28rem;margin:0 auto;padding:0 1rem;line-height:1.5}
        header{padding:2rem 0 .5rem;border-bottom:1px solid #767676}
        header h1{margin:0;font-size:1.5rem}
        h2{font-size:1.25rem;margin:1.5rem 0 1rem}
        fieldset{border:1px solid #767676;border-radius:.25rem;margin:0 0 1rem;padding:.75rem 1rem}
        legend{font-weight:600;padding:0 .25rem}
        label{display:block;font-weight:600;margin-top:.5rem}
        input,button,.button{font:inherit;padding:.5rem;width:100%;box-sizing:border-box;margin:.25rem 0;border-radius:.25rem}
        input{border:1px solid #595959;color:#1a1a1a;background:#fff}
        button,.button{border:0;background:#0b4f8a;color:#fff;font-weight:600;cursor:pointer;display:block;text-align:center;text-decoration:none}
        .secondary{background:#fff;color:#0b4f8a;border:2px solid #0b4f8a}
        input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #b35900;outline-offset:2px}
        .hint{color:#4a4a4a;font-size:.9rem;margin:.25rem 0}
        .error{color:#a40000;font-weight:600}
        </style></head>
        <body><header><h1>Engagement</h1></header>
        <main><h2>{{Encode(title)}}</h2>
        {{main}}
        </main></body></html>
        """;
}
