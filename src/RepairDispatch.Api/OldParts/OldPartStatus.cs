namespace RepairDispatch.Api.OldParts;

/// <summary>An old part's way back to the manufacturer: WithTechnician → InStore → Shipped → Received, or written off (Lost/Scrapped).</summary>
public enum OldPartStatus { WithTechnician, InStore, Shipped, Received, Lost, Scrapped }
