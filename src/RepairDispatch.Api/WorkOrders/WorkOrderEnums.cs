namespace RepairDispatch.Api.WorkOrders;

public enum WorkOrderStatus { New, Assigned, Accepted, EnRoute, OnSite, AwaitingParts, Completed, Closed, Cancelled }
public enum WorkOrderType { Repair, Installation, Maintenance }
public enum WorkOrderSource { Phone, WalkIn, Sales, Manufacturer }
public enum Priority { Normal, Urgent }
public enum Payer { Manufacturer, Customer, Store }
public enum WarrantyCoverage { WholeUnit, MainPartsOnly, None }
public enum RepairLevel { Minor, Major, PartReplacement }

/// <summary>Everything that can be done to a work order's status, by whoever is allowed to.</summary>
public enum WorkOrderAction { Assign, Unassign, Accept, Decline, Depart, Arrive, AwaitParts, Complete, Close, Cancel }
