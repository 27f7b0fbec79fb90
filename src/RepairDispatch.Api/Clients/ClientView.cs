namespace RepairDispatch.Api.Clients;

public sealed record ClientView(
    Guid Id, string Name, IReadOnlyList<string> Scopes, Guid? StoreId, bool Active, int SecretVersion,
    DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastTokenAt);

/// <summary>The answer that carries a secret: given once, at creation or rotation.</summary>
public sealed record ClientSecretResponse(Guid ClientId, string ClientSecret, ClientView Client);

internal sealed class ClientRow
{
    public const string Columns = "id, name, scopes, store_id, secret_hash, secret_version, created_at, rotated_at, revoked_at, last_token_at";

    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Scopes { get; init; } = "";
    public Guid? StoreId { get; init; }
    public string SecretHash { get; init; } = "";
    public long SecretVersion { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RotatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public DateTimeOffset? LastTokenAt { get; init; }

    public string[] ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public ClientView View() => new(Id, Name, ScopeList, StoreId, RevokedAt is null, (int)SecretVersion, CreatedAt, RotatedAt, RevokedAt, LastTokenAt);
}
