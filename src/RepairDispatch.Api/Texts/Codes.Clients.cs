namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>Machine clients: the store's tills and integrations.</summary>
    public static class Client
    {
        public static readonly Code Thing = new("thing.client");
        public static readonly Code UnknownScope = new("client.unknown-scope", "scope", "known");
        public static readonly Code NameTaken = new("client.name-taken", "name");
        public static readonly Code Revoked = new("client.revoked");
        public static readonly Code InvalidCredentials = new("client.invalid-credentials");
    }
}
