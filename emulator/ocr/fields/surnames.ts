/**
 * China's commonest surnames, about the 250 that the 2020 census found among nearly all Han
 * holders (the first hundred alone cover some 85%), and the compound ones still in use. A name
 * begins with one of them far more often than not, so where the ink reads a surname and a
 * non-surname look-alike about equally well, the surname is the likelier reading.
 */
const SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁' +
  '任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武' +
  '戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪' +
  '梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车' +
  '项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲' +
  '虞敖巩明佘池查麻苑迟邝洪';

const COMPOUND = '欧阳 司马 上官 诸葛 慕容 东方 皇甫 令狐 夏侯 长孙 尉迟 公孙'.split(' ');

export const SURNAMES: ReadonlySet<string> = new Set(SINGLE);

/** Whether `name` begins with a common surname (a compound one, or one character of the list). */
export function beginsWithSurname(name: string): boolean {
  return COMPOUND.some((c) => name.startsWith(c)) || SURNAMES.has(name[0] ?? '');
}
