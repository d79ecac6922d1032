namespace Kehu.Bench.Generate;

/// <summary>
/// Word lists for realistic Chinese company names: 行政区划 + 字号 + 行业 + 组织形式, the way most
/// registered names are built. Regions and industries are weighted so a few terms are very common
/// (上海, 北京, 机电, 科技), as in a real customer list, and searches meet both frequent and rare hits.
/// </summary>
public static class Words
{
    /// <summary>(region, weight). 上海 ≈ 7% of the names that carry a region.</summary>
    public static readonly (string Value, int Weight)[] Regions =
    [
        ("上海", 9), ("北京", 8), ("广州", 6), ("深圳", 6), ("杭州", 5), ("南京", 4), ("苏州", 5), ("成都", 4),
        ("武汉", 4), ("西安", 3), ("天津", 4), ("重庆", 4), ("宁波", 3), ("无锡", 3), ("青岛", 3), ("厦门", 2),
        ("长沙", 3), ("郑州", 3), ("济南", 2), ("合肥", 2), ("福州", 2), ("东莞", 3), ("佛山", 3), ("温州", 2),
        ("常州", 2), ("南通", 2), ("徐州", 1), ("昆明", 1), ("大连", 2), ("沈阳", 2), ("哈尔滨", 1), ("石家庄", 1),
        ("太原", 1), ("南昌", 1), ("南宁", 1), ("贵阳", 1), ("兰州", 1), ("烟台", 1), ("潍坊", 1), ("嘉兴", 1),
        ("绍兴", 1), ("台州", 1), ("金华", 1), ("泉州", 1), ("珠海", 1), ("中山", 1), ("惠州", 1), ("扬州", 1),
        ("镇江", 1), ("盐城", 1), ("江苏", 2), ("浙江", 2), ("广东", 2), ("山东", 2), ("河北", 1), ("四川", 1),
    ];

    /// <summary>First and second characters of the 字号 (trade name); neither list contains 机 or 电,
    /// so the frequency of 机电 is set by the industry weights alone.</summary>
    public const string BrandFirst = "华恒鑫宏新金东海瑞国天顺中利永博嘉长明启远安润盛兴德信泰丰隆祥和昌众佳创联伟奥星汇通精正诚";
    public const string BrandSecond = "达通源发盛泰丰强业力邦科工华威特宇辉煌迪捷越腾飞展锐凯龙康宝锦程晟豪峰博翔鼎美成维联";
    public const string BrandThird = "兴达源泰昌盛丰瑞信德和宏";

    /// <summary>(industry, weight). 机电 ≈ 6% of all names.</summary>
    public static readonly (string Value, int Weight)[] Industries =
    [
        ("机电", 12), ("科技", 16), ("电子", 8), ("机械", 8), ("贸易", 10), ("化工", 5), ("建材", 5), ("物流", 5),
        ("食品", 4), ("电器", 4), ("五金", 4), ("塑胶", 3), ("包装", 3), ("纺织", 3), ("汽配", 3), ("软件", 3),
        ("信息技术", 4), ("精密", 2), ("仪表", 2), ("环保", 3), ("医药", 2), ("光电", 2), ("新材料", 2), ("能源", 2),
        ("装饰", 2), ("服饰", 2), ("农业", 2), ("实业", 6), ("工贸", 3), ("设备", 3), ("自动化", 3), ("模具", 2),
        ("电气", 3), ("网络", 2), ("印刷", 2), ("家具", 2), ("生物", 2), ("照明", 2), ("重工", 1), ("钢铁", 1),
        ("水处理", 1), ("通信", 2), ("智能", 3), ("传动", 1), ("阀门", 1), ("泵业", 1), ("管道", 1), ("橡胶", 1),
        ("玻璃", 1), ("陶瓷", 1), ("文化传媒", 2), ("建筑工程", 2), ("物业管理", 1), ("人力资源", 1), ("供应链", 2),
    ];

    public static readonly (string Value, int Weight)[] Suffixes =
    [
        ("有限公司", 55), ("股份有限公司", 12), ("有限责任公司", 10), ("集团有限公司", 3), ("厂", 4),
        ("经营部", 5), ("商行", 4), ("工作室", 2), ("销售中心", 2), ("技术服务部", 3),
    ];

    /// <summary>For names like 上海机电设备有限公司: region + industry + what they do.</summary>
    public static readonly string[] Descriptors = ["设备", "工程", "技术", "销售", "服务", "安装", "维修", "配件", "成套", "制造"];

    public static readonly string[] Districts =
    [
        "浦东", "闵行", "松江", "嘉定", "宝山", "海淀", "朝阳", "丰台", "天河", "白云", "番禺", "南山", "宝安", "龙岗",
        "西湖", "滨江", "萧山", "江宁", "鼓楼", "高新", "经开", "武侯", "锦江", "洪山", "雁塔", "滨海", "北仑", "新区",
    ];

    public const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    public const string GivenChars = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力斌宇浩凯俊鹏飞琳婷雪晶欣佳瑶怡晨峰波宁海燕亮林";

    public static readonly string[] Titles = ["总经理", "副总经理", "采购经理", "采购专员", "技术主管", "工程师", "财务", "财务经理", "销售总监", "办公室主任", "项目经理", "厂长", "生产主管", "行政"];
    public static readonly string[] Departments = ["采购部", "技术部", "财务部", "总经办", "生产部", "行政部", "工程部", "市场部"];

    public static readonly string[] Contents =
    [
        "电话沟通新产品报价", "上门拜访，介绍公司产品", "发送产品目录和价格表", "微信确认样品收到", "洽谈年度合作意向",
        "回访售后使用情况", "客户询问交货周期", "跟进上次报价，客户在比价", "邀请参加展会", "确认合同条款细节",
        "沟通付款方式和账期", "客户反馈设备运行正常", "介绍新型号的节能优势", "了解客户明年的采购计划",
    ];

    public static readonly string[] Outcomes =
    [
        "客户有兴趣，待报价", "需要进一步沟通", "已发送报价单", "客户满意", "暂无需求", "约定下次拜访",
        "客户要求降价", "已签订合同", "等待客户内部审批", "转交技术部跟进",
    ];
}
