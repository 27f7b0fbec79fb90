using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Kpis;

public sealed record KpiDefinition(string Figure, string Name, string Definition);
public sealed record KpiDefinitions(List<KpiDefinition> Items);

/// <summary>`GET /reports/kpis/definitions`: each figure's name and definition in the caller's language, for the dashboard.</summary>
public static class KpiDefinitionsList
{
    public static KpiDefinitions Get() =>
        new([.. Codes.Kpis.Figures.Select(f => new KpiDefinition(f, Codes.Kpis.Name(f).Render(), Codes.Kpis.Definition(f).Render()))]);
}
