using System.Security.Cryptography;
using Alba;
using Engagement.Tests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Engagement.Tests.Security;

/// <summary>
/// A host with Auth:Oidc set, whose JWT options hold a fixed identity-provider configuration (issuer and signing key)
/// so tokens are checked without fetching metadata from the network.
/// </summary>
public sealed class OidcHost : SecurityHost
{
    public const string Issuer = "https://login.example.test/chamber";
    public const string Audience = "engagement-api";
    public static readonly RsaSecurityKey SigningKey = new(RSA.Create(2048)) { KeyId = "test-key" };

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Auth:Oidc:Authority", Issuer);
        builder.UseSetting("Auth:Oidc:Audience", Audience);
        builder.UseSetting("Auth:Oidc:RoleMap:ga-team", "staff");
        builder.UseSetting("Auth:Oidc:ClientId", LocalIssuer.ClientId);
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            configuration.SigningKeys.Add(SigningKey);
            o.Configuration = configuration;
            o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
        });
        // The sign-in flow talks to a real token endpoint (LocalIssuer, on a port of its own) under a fixed configuration.
        services.PostConfigure<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>(Engagement.Access.Configuration.OidcScheme, o =>
        {
            var configuration = new OpenIdConnectConfiguration
            {
                Issuer = Issuer, AuthorizationEndpoint = Issuer + "/authorize", TokenEndpoint = LocalIssuer.Shared.TokenEndpoint
            };
            configuration.SigningKeys.Add(SigningKey);
            o.Configuration = configuration;
            o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
        });
    }

    /// <summary>A token as the identity provider would issue it, with any part replaced.</summary>
    public static string Token(string[]? roles = null, string subject = "u-4711", string name = "Ada Lovelace", string audience = Audience,
        SecurityKey? key = null, DateTime? expires = null, bool signed = true, string? tokenId = null, DateTime? now = null)
    {
        var issued = now ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["name"] = name };
        if (tokenId is not null) claims["jti"] = tokenId;
        if (roles is not null) claims["roles"] = roles;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = issued.AddHours(-1),
            NotBefore = issued.AddHours(-1),
            Expires = expires ?? issued.AddHours(1),
            SigningCredentials = signed ? new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256) : null
        });
    }
}

[CollectionDefinition(Name)]
public sealed class OidcCollection : ICollectionFixture<OidcHost>
{
    public const string Name = "single sign-on";
}

[Collection(OidcCollection.Name)]
public class single_sign_on(OidcHost fixture) : SecurityTest<OidcHost>(fixture)
{
    private static readonly object Ministry = new { name = "Ministry of Trade", kind = "government" };

    private Task<(int Status, System.Text.Json.Nodes.JsonNode? Body, IScenarioResult Result)> Register(string token) =>
        Host.PostJson("/api/organizations", Ministry, s => s.WithBearerToken(token));

    [Fact]
    public async Task a_staff_token_records_and_its_events_name_the_person_and_subject()
    {
        var created = await Register(OidcHost.Token(roles: ["staff"]));

        Assert.True(created.Status == 201, created.Body?.ToJsonString());
        var history = await Host.GetJson($"/api/organizations/{created.Body!["id"]}/history",
            s => s.WithBearerToken(OidcHost.Token(roles: ["viewer"])));
        Assert.Equal("Ada Lovelace (u-4711)", history.Body!.AsArray().Single()!["recordedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_viewer_token_reads_but_may_not_write()
    {
        var viewer = OidcHost.Token(roles: ["viewer"]);

        Assert.Equal(200, (await Host.GetJson("/api/organizations", s => s.WithBearerToken(viewer))).Status);
        (await Register(viewer)).ShouldBeProblem(403);
        Assert.Equal(1, await Fixture.EventCount()); // the bootstrap key's
    }

    [Fact]
    public async Task a_group_in_the_role_map_gets_the_mapped_role()
    {
        var created = await Register(OidcHost.Token(roles: ["ga-team"]));

        Assert.Equal(201, created.Status);
    }

    [Fact]
    public async Task a_token_without_a_known_role_may_not_even_read()
    {
        (await Host.GetJson("/api/organizations", s => s.WithBearerToken(OidcHost.Token(roles: ["finance", "superuser"])))).ShouldBeProblem(403);
        (await Host.GetJson("/api/organizations", s => s.WithBearerToken(OidcHost.Token()))).ShouldBeProblem(403);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("for another audience")]
    [InlineData("signed by another key")]
    [InlineData("unsigned")]
    [InlineData("tampered")]
    [InlineData("not a token")]
    public async Task a_token_that_does_not_verify_is_a_401_problem(string what)
    {
        var token = what switch
        {
            "expired" => OidcHost.Token(roles: ["staff"], expires: DateTime.UtcNow.AddMinutes(-10)),
            "for another audience" => OidcHost.Token(roles: ["staff"], audience: "another-api"),
            "signed by another key" => OidcHost.Token(roles: ["staff"], key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = OidcHost.SigningKey.KeyId }),
            "unsigned" => OidcHost.Token(roles: ["staff"], signed: false),
            "tampered" => Tampered(OidcHost.Token(roles: ["viewer"])),
            _ => "not.a.token"
        };

        var write = await Register(token);
        var read = await Host.GetJson("/api/organizations", s => s.WithBearerToken(token));

        write.ShouldBeProblem(401);
        read.ShouldBeProblem(401);
        Assert.Equal("Bearer", read.Result.Context.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal(1, await Fixture.EventCount());
    }

    [Fact]
    public async Task a_token_that_happens_to_contain_the_key_prefix_is_still_a_token()
    {
        // Some tokens have "eng_" in their base64 by chance; "zx?" encodes as "eng_" when it starts on a 3-byte boundary.
        var now = DateTime.UtcNow;
        var tokenId = Enumerable.Range(0, 3).Select(padding => new string('a', padding) + "zx?")
            .First(id => OidcHost.Token(roles: ["staff"], tokenId: id, now: now, signed: false).Split('.')[1].Contains("eng_", StringComparison.Ordinal));
        var token = OidcHost.Token(roles: ["staff"], tokenId: tokenId, now: now);
        Assert.Contains("eng_", token);

        Assert.Equal(201, (await Register(token)).Status);
    }

    [Fact]
    public async Task api_keys_still_work_beside_single_sign_on()
    {
        var created = await Register(Fixture.AdminKey);

        Assert.Equal(201, created.Status);
    }

    /// <summary>The payload of a viewer's token, rewritten to claim the admin role, under the original signature.</summary>
    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"viewer\"", "\"admin\"");
        Assert.Contains("\"admin\"", payload);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
