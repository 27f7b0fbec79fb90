using System.Text;
using RepairDispatch.Tests.Statements;

namespace RepairDispatch.Tests.ManufacturerOrders;

/// <summary>A brand portal's order file as the tests write it, and the mapping that reads it.</summary>
public static class BrandOrderFiles
{
    public static readonly string[] Headers = ["厂家单号", "用户姓名", "联系电话", "区县", "详细地址", "产品品类", "产品型号", "机身条码", "购买日期", "服务类型", "故障描述", "备注"];

    public static object Mapping(string[]? cancelReasonCodes = null, object? statusWords = null) => new
    {
        columns = new
        {
            externalNumber = "厂家单号", customerName = "用户姓名", phone = "联系电话", district = "区县", street = "详细地址", category = "产品品类",
            model = "产品型号", serialNumber = "机身条码", purchaseDate = "购买日期", type = "服务类型", faultDescription = "故障描述",
        },
        ignoredColumns = new[] { "备注" }, cancelReasonCodes, statusWords,
    };

    /// <summary>One order row under the headers and a column the mapping does not know (网点编码, column M).</summary>
    public static byte[] WithUnknownColumn() => TestStatements.Csv([
        [.. Headers, "网点编码"],
        ["HW-2001", "张三", "13811110009", "浦东新区", "张杨路 2 号", "洗衣机", "XQB80", "", "", "维修", "不进水", "", "W01"],
    ], new UTF8Encoding(false));

    public static MultipartFormDataContent Form(byte[] file, string manufacturerId) => TestStatements.Form(file, manufacturerId, fileName: "派单.csv");
}
