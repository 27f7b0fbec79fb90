namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>Old parts (旧件): refusals, the label's lines, the packing list's headers.</summary>
    public static class OldPart
    {
        public static readonly Code NotATag = new("old-part.not-a-tag", "tag");
        public static readonly Code TagTwice = new("old-part.tag-twice", "tag");
        public static readonly Code NoSuchTag = new("old-part.no-such-tag", "tag");
        public static readonly Code OtherManufacturer = new("old-part.other-manufacturer", "tag", "manufacturer");
        public static readonly Code OtherStore = new("old-part.other-store", "tag");
        public static readonly Code NotInStore = new("old-part.not-in-store", "tag", "status");
        public static readonly Code NotInBatch = new("old-part.not-in-batch", "tag");
        public static readonly Code WrongStatus = new("old-part.wrong-status", "tag", "status", "action");
        public static readonly Code WaybillTaken = new("old-part.waybill-taken", "carrier", "waybill");
        public static readonly Code CarrierRequired = new("old-part.carrier-required");
        public static readonly Code WaybillRequired = new("old-part.waybill-required");
        public static readonly Code ReasonRequired = new("old-part.reason-required");
        public static readonly Code ReceivedBeforeShipped = new("old-part.received-before-shipped");
        public static readonly Code LabelFontMissing = new("old-part.label-font-missing");

        public static readonly Code CheckIn = new("old-part-action.check-in");
        public static readonly Code Receive = new("old-part-action.receive");
        public static readonly Code WriteOff = new("old-part-action.write-off");

        public static readonly Code LabelTitle = new("label.title");
        public static readonly Code LabelWorkOrder = new("label.work-order", "value");
        public static readonly Code LabelPart = new("label.part", "value");
        public static readonly Code LabelBrand = new("label.brand", "value");
        public static readonly Code LabelDue = new("label.due", "value");

        public static readonly Code PackingSheet = new("packing.sheet");
        public static readonly Code PackingNo = new("packing.no");
        public static readonly Code PackingTag = new("packing.tag");
        public static readonly Code PackingWorkOrder = new("packing.work-order");
        public static readonly Code PackingPartNumber = new("packing.part-number");
        public static readonly Code PackingPartName = new("packing.part-name");
        public static readonly Code PackingQuantity = new("packing.quantity");
        public static readonly Code PackingManufacturer = new("packing.manufacturer");
        public static readonly Code PackingCarrier = new("packing.carrier");
        public static readonly Code PackingWaybill = new("packing.waybill");
        public static readonly Code PackingShippedOn = new("packing.shipped-on");
        public static readonly IReadOnlyList<Code> PackingHeaders = [PackingNo, PackingTag, PackingWorkOrder, PackingPartNumber, PackingPartName, PackingQuantity, PackingManufacturer, PackingCarrier, PackingWaybill, PackingShippedOn];

        public static readonly Code Thing = new("thing.old-part");
        public static readonly Code ReturnThing = new("thing.old-part-return");
    }
}
