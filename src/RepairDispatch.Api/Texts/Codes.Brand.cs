namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>Manufacturer orders (厂家派单): intake, the order file and its mapping, brand cancel reasons.</summary>
    public static class Brand
    {
        public static readonly Code StoreRequired = new("brand.store-required");
        public static readonly Code Category = new("brand.category", "value");
        public static readonly Code Type = new("brand.type", "value");
        public static readonly Code NumberRequired = new("brand.number-required");
        public static readonly Code NoMapping = new("brand.no-mapping");
        public static readonly Code UnknownColumn = new("brand.unknown-column", "column", "cell");
        public static readonly Code HeaderNotFound = new("brand.header-not-found", "headers");
        public static readonly Code Missing = new("brand.missing", "column");
        public static readonly Code Date = new("brand.date", "column", "value");
        public static readonly Code TooLong = new("brand.too-long", "column", "max");
        public static readonly Code TooManyRows = new("brand.too-many-rows", "max");
        public static readonly Code MappingHeaderTwice = new("brand.mapping-header-twice", "header");
        public static readonly Code CancelReasonRequired = new("brand.cancel-reason-required", "accepted");
        public static readonly Code CancelReasonUnknown = new("brand.cancel-reason-unknown", "code", "accepted");
        public static readonly Code Since = new("brand.since");

        public static readonly Code Sheet = new("brand.export.sheet");
        public static readonly IReadOnlyList<Code> ExportHeaders =
        [
            new("brand.export.their-number"), new("brand.export.our-number"), new("brand.export.status"), new("brand.export.created"),
            new("brand.export.assigned"), new("brand.export.on-site"), new("brand.export.completed"), new("brand.export.cancelled"),
            new("brand.export.technician"), new("brand.export.failed-part"), new("brand.export.parts"), new("brand.export.updated"),
        ];
    }
}
