namespace RepairDispatch.Api.Customers;

public enum ApplianceCategory { Tv, Audio, AirConditioner, Refrigerator, WashingMachine, WaterHeater, RangeHood, GasStove, SmallAppliance }
