using RepairDispatch.Api.Customers;
using RepairDispatch.Api.WorkOrders;
using static RepairDispatch.Api.Customers.ApplianceCategory;

namespace RepairDispatch.Api.Demo;

/// <summary>The fixed facts of the demo store: a home-appliance service station in Shanghai.</summary>
internal static class DemoCatalogue
{
    public sealed record Maker(string Key, string Name, string ContactName, string ContactPhone,
        IReadOnlyDictionary<ApplianceCategory, string[]> Models);

    public sealed record District(string Name, double Lat, double Lon, string[] Roads);

    public sealed record Tech(string Code, string Name, string Pinyin, string Phone, ApplianceCategory[] Skills, string[] Makers,
        string[] Districts, int DailyCapacity, string ShiftFrom, string ShiftTo, string[]? WorkDays);

    public sealed record Partner(string Name, string[] Districts, ApplianceCategory[] Categories, decimal ManagementFeeRate);

    public sealed record Part(string Number, string Name, ApplianceCategory Category, string? Maker, bool MainPart, decimal Cost, decimal RetailPrice);

    /// <summary>What a technician found and did: the failed part (if any), whether it is a main part (三包 主要部件), and notes.</summary>
    public sealed record Fix(string? FailedPart, bool MainPart, RepairLevel Level, string Notes);

    /// <summary>The demo contracts' fee schedule (yuan): big appliances pay more per repair; installations where they apply.</summary>
    public static (decimal Minor, decimal Major, decimal PartReplacement, decimal? Installation) Fees(ApplianceCategory category) => category switch
    {
        AirConditioner => (80m, 160m, 200m, 150m),
        Refrigerator or WashingMachine => (60m, 120m, 150m, 80m),
        WaterHeater or RangeHood or GasStove => (50m, 100m, 120m, 100m),
        _ => (40m, 80m, 100m, null),
    };

    /// <summary>The station's commission rules (计件提成, docs/payroll.md): a rate per job by type and repair level, bonuses and deductions.</summary>
    public static Payroll.PayRuleRequest PayRules(DateOnly validFrom) => new(validFrom,
        [
            new(WorkOrderType.Repair, null, RepairLevel.Minor, null, 30m), new(WorkOrderType.Repair, null, RepairLevel.Major, null, 60m),
            new(WorkOrderType.Repair, null, RepairLevel.PartReplacement, null, 45m), new(WorkOrderType.Repair, null, null, null, 30m),
            new(WorkOrderType.Installation, null, null, null, 50m), new(WorkOrderType.Installation, ApplianceCategory.AirConditioner, null, null, 80m),
            new(WorkOrderType.Maintenance, null, null, null, 25m),
        ],
        [new("FiveStarCallback", 10m), new("OnTimeArrival", 5m)],
        [new("Rework", 50m), new("UpheldComplaint", 100m), new("OldPartLate", 20m)]);

    public static readonly Maker[] Makers =
    [
        new("haier", "海尔 Haier", "海尔上海服务中心 周经理", "400-699-9999", new Dictionary<ApplianceCategory, string[]>
        {
            [Refrigerator] = ["BCD-470WDPG", "BCD-510WGHTDD9S9", "BCD-258WDPM"],
            [WashingMachine] = ["EG100MATE81SU1", "XQG100-B12206", "EG10014HB39GU1"],
            [WaterHeater] = ["EC6002-MC3", "EC8001-PA3(U1)", "JSQ25-13WN5S(12T)"],
            [AirConditioner] = ["KFR-35GW/05EDS81", "KFR-72LW/07EDS81"],
            [Tv] = ["LU55X5(PRO)", "LE43A31"],
            [RangeHood] = ["CXW-219-E900C11"],
            [GasStove] = ["JZT-Q2BE(12T)"],
        }),
        new("midea", "美的 Midea", "美的华东售后 林主管", "400-889-9315", new Dictionary<ApplianceCategory, string[]>
        {
            [AirConditioner] = ["KFR-35GW/N8XHC1", "KFR-26GW/N8MJA3", "KFR-72LW/N8MJA3"],
            [Refrigerator] = ["BCD-455WTPZM(E)", "BCD-321WTPZM(E)"],
            [WashingMachine] = ["MG100V58WT", "MB90V33B"],
            [WaterHeater] = ["F6021-JE5(HE)", "JSQ30-16HWA"],
            [RangeHood] = ["CXW-280-J25", "CXW-260-TJ9011"],
            [GasStove] = ["JZT-Q216B", "JZT-Q360B"],
            [SmallAppliance] = ["MB-FB40S701", "WBL1051S", "MJ-BL1011A"],
        }),
        new("gree", "格力 Gree", "格力上海销售公司 售后部", "4008-365-315", new Dictionary<ApplianceCategory, string[]>
        {
            [AirConditioner] = ["KFR-35GW/(35592)FNhAa-B1", "KFR-26GW/(26592)FNhAa-B1", "KFR-72LW/(72532)FNhAa-A1"],
            [WaterHeater] = ["GSRF-60S6"],
            [Refrigerator] = ["BCD-406WPQC"],
            [SmallAppliance] = ["KS-0502Db", "NTFH-X6020B"],
        }),
    ];

    public static readonly District[] Districts =
    [
        new("浦东新区", 31.2215, 121.5446, ["张杨路", "东方路", "锦绣路", "杨高南路", "世纪大道"]),
        new("徐汇区", 31.1885, 121.4365, ["漕溪北路", "天钥桥路", "龙华中路", "宜山路"]),
        new("静安区", 31.2290, 121.4480, ["延安中路", "共和新路", "江宁路", "大统路"]),
        new("闵行区", 31.1128, 121.3816, ["七莘路", "都市路", "虹井路", "沪闵路"]),
        new("杨浦区", 31.2595, 121.5260, ["政通路", "黄兴路", "控江路", "国权路"]),
        new("长宁区", 31.2204, 121.4246, ["天山路", "仙霞路", "虹桥路"]),
        new("普陀区", 31.2495, 121.3976, ["真北路", "长寿路", "曹杨路"]),
        new("黄浦区", 31.2317, 121.4845, ["西藏南路", "复兴东路", "瞿溪路"]),
    ];

    public static readonly Tech[] Technicians =
    [
        new("T01", "张建国", "zhangjianguo", "13916012301", [AirConditioner, Refrigerator], ["gree", "midea"], ["浦东新区", "黄浦区"], 6, "08:30", "18:00", null),
        new("T02", "李卫东", "liweidong", "13916012302", [AirConditioner, WaterHeater], ["gree", "haier"], ["闵行区", "徐汇区"], 6, "08:30", "18:00", null),
        new("T03", "王志强", "wangzhiqiang", "13916012303", [WashingMachine, Refrigerator], ["haier", "midea"], ["杨浦区", "浦东新区"], 7, "08:30", "18:00", null),
        new("T04", "陈海波", "chenhaibo", "13916012304", [WashingMachine, WaterHeater, SmallAppliance], ["haier", "midea"], ["静安区", "普陀区", "长宁区"], 8, "08:00", "17:30", null),
        new("T05", "刘明", "liuming", "13916012305", [Tv, Audio], ["haier"], ["徐汇区", "黄浦区", "静安区"], 5, "09:00", "18:30", ["Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]),
        new("T06", "赵磊", "zhaolei", "13916012306", [RangeHood, GasStove, WaterHeater], ["midea", "haier"], ["闵行区", "长宁区"], 6, "08:30", "18:00", null),
        new("T07", "周晓东", "zhouxiaodong", "13916012307", [AirConditioner, RangeHood, GasStove], ["midea", "gree"], ["杨浦区", "普陀区"], 6, "08:30", "18:00", null),
        new("T08", "孙伟", "sunwei", "13916012308", [Refrigerator, Tv, SmallAppliance], ["haier", "gree"], ["浦东新区", "静安区"], 6, "10:00", "19:30", null),
    ];

    public static readonly Partner[] Partners =
    [
        new("沪安家电安装服务部", ["浦东新区", "黄浦区", "杨浦区"], [AirConditioner, WaterHeater, RangeHood, GasStove], 0.25m),
        new("申城空调安装队", ["闵行区", "徐汇区", "长宁区", "普陀区", "静安区"], [AirConditioner], 0.22m),
    ];

    public static readonly Part[] Parts =
    [
        new("GR-YSJ-35", "格力 1.5匹空调压缩机", AirConditioner, "gree", true, 680m, 980m),
        new("MD-DR-35UF", "美的 空调启动电容 35μF", AirConditioner, "midea", false, 18m, 45m),
        new("TY-LM-R32", "R32 冷媒（每公斤）", AirConditioner, null, false, 60m, 150m),
        new("HE-YSJ-BX", "海尔 冰箱压缩机", Refrigerator, "haier", true, 420m, 750m),
        new("HE-PSB-XYJ", "海尔 滚筒洗衣机排水泵", WashingMachine, "haier", false, 38m, 95m),
        new("MD-JRG-2000", "美的 电热水器加热管 2000W", WaterHeater, "midea", true, 55m, 128m),
        new("MD-DHZ-RQZ", "美的 燃气灶点火针", GasStove, "midea", false, 6.5m, 25m),
    ];

    /// <summary>How common each category is among the customers' appliances (a weight per category).</summary>
    public static readonly (ApplianceCategory Category, int Weight)[] CategoryMix =
    [
        (AirConditioner, 25), (WashingMachine, 18), (Refrigerator, 15), (WaterHeater, 12), (RangeHood, 8), (SmallAppliance, 8),
        (GasStove, 7), (Tv, 7),
    ];

    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "沈", "顾", "陆"];

    public static readonly string[] GivenNames =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
        "建华", "晓东", "海燕", "志强", "丽华", "文博", "子涵", "思远", "雨桐", "浩然", "欣怡", "国庆", "美玲", "佳怡", "俊杰", "玉兰",
    ];

    public static readonly string[] CustomerNotes = ["老客户，上门前请先电话联系", "家中有老人，白天在家", "小区需登记，物业电话见门卫", "周末方便上门"];

    public static readonly IReadOnlyDictionary<ApplianceCategory, string[]> Faults = new Dictionary<ApplianceCategory, string[]>
    {
        [AirConditioner] = ["不制冷", "制冷效果差，出风不凉", "室内机漏水", "开机显示E1故障代码", "外机噪音大", "制热不热"],
        [Refrigerator] = ["冷藏室不制冷", "冷冻室结霜严重", "压缩机响声大", "冷藏室底部漏水", "显示屏报F1故障"],
        [WashingMachine] = ["不脱水", "不进水", "滚筒不转", "底部漏水", "脱水时震动异响", "显示E21排水故障"],
        [WaterHeater] = ["不加热", "漏水", "漏电保护插头跳闸", "水温忽冷忽热"],
        [RangeHood] = ["吸力变小", "噪音大", "漏油", "按键失灵"],
        [GasStove] = ["打不着火", "火焰发红", "点火后自动熄灭"],
        [Tv] = ["有声音无图像", "屏幕有竖线", "无法开机", "无法连接网络"],
        [SmallAppliance] = ["不加热", "通电无反应", "运转时异响"],
    };

    public static readonly IReadOnlyDictionary<ApplianceCategory, string> MaintenanceJobs = new Dictionary<ApplianceCategory, string>
    {
        [AirConditioner] = "空调清洗保养（室内机拆洗）",
        [RangeHood] = "油烟机深度清洗",
        [WaterHeater] = "热水器内胆清洗除垢，更换镁棒",
        [WashingMachine] = "洗衣机筒清洗消毒",
    };

    public static readonly string[] InstallationJobs = ["新机安装：客厅挂机，需打孔", "新机安装：卧室挂机，需加长铜管约2米", "新机安装：柜机，旧机拆除"];

    public static readonly IReadOnlyDictionary<ApplianceCategory, Fix[]> Fixes = new Dictionary<ApplianceCategory, Fix[]>
    {
        [AirConditioner] =
        [
            new("启动电容", false, RepairLevel.PartReplacement, "更换启动电容，试机制冷正常"),
            new(null, false, RepairLevel.Minor, "疏通室内机排水管，不再漏水"),
            new("压缩机", true, RepairLevel.PartReplacement, "压缩机损坏，更换压缩机并加注R32冷媒"),
            new(null, false, RepairLevel.Minor, "焊点微漏，补焊后补充冷媒，试机正常"),
        ],
        [Refrigerator] =
        [
            new("温控器", false, RepairLevel.PartReplacement, "更换温控器，冷藏室温度恢复正常"),
            new("压缩机", true, RepairLevel.PartReplacement, "压缩机不启动，更换压缩机，抽真空加注冷媒"),
            new(null, false, RepairLevel.Minor, "化霜排水口堵塞，疏通后不再漏水"),
        ],
        [WashingMachine] =
        [
            new("排水泵", false, RepairLevel.PartReplacement, "排水泵堵转，更换排水泵"),
            new("电机", true, RepairLevel.PartReplacement, "电机烧毁，更换电机"),
            new(null, false, RepairLevel.Minor, "清理排水过滤器异物，试机正常"),
            new("门锁", false, RepairLevel.PartReplacement, "门锁开关损坏，更换门锁"),
        ],
        [WaterHeater] =
        [
            new("加热管", true, RepairLevel.PartReplacement, "加热管结垢烧断，更换加热管并清洗内胆"),
            new("温控器", false, RepairLevel.PartReplacement, "更换温控器，水温稳定"),
        ],
        [RangeHood] = [new(null, false, RepairLevel.Minor, "清洗风轮和油网，吸力恢复"), new("电机", true, RepairLevel.Major, "电机轴承磨损，更换电机")],
        [GasStove] = [new("点火针", false, RepairLevel.PartReplacement, "更换点火针，点火正常"), new(null, false, RepairLevel.Minor, "调整风门，火焰呈蓝色")],
        [Tv] = [new("电源板", false, RepairLevel.PartReplacement, "电源板电容鼓包，更换电源板"), new("主板", true, RepairLevel.Major, "主板故障，更换主板")],
        [SmallAppliance] = [new("发热盘", true, RepairLevel.PartReplacement, "更换发热盘"), new(null, false, RepairLevel.Minor, "清洁触点，恢复正常")],
    };

    public static readonly string[] CancelReasons = ["客户来电：已自行恢复正常", "客户决定购买新机，不再维修", "客户出差，改日再约", "重复报修，已与另一单合并处理"];
}
