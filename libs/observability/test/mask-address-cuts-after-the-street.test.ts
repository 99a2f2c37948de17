import t from 'tap'
import { maskAddress } from '../src/index.ts'

t.test('house number, building and room are dropped after the street', async (t) => {
  t.equal(maskAddress('黑龙江省哈尔滨市南岗区西大直街92号3单元501室'), '黑龙江省哈尔滨市南岗区西大直街')
  t.equal(maskAddress('北京市朝阳区建国路88号SOHO现代城'), '北京市朝阳区建国路')
  t.equal(maskAddress('哈尔滨市道里区中央大街100号'), '哈尔滨市道里区中央大街')
  t.equal(maskAddress('上海市静安区南京西路1266弄5号'), '上海市静安区南京西路')
  t.equal(maskAddress('广东省广州市天河区体育西路1号'), '广东省广州市天河区体育西路')
  t.equal(maskAddress('世纪大道100号'), '世纪大道')
})

t.test('a subdistrict, town or township before the street ends the address (the coarser level wins)', async (t) => {
  t.equal(maskAddress('南岗区花园街道西大直街92号'), '南岗区花园街道')
  t.equal(maskAddress('黑龙江省大兴安岭地区漠河市北极镇北极村'), '黑龙江省大兴安岭地区漠河市北极镇')
  t.equal(maskAddress('某县某乡某村3组'), '某县某乡')
  t.equal(maskAddress('内蒙古自治区呼伦贝尔市鄂温克族自治旗巴彦托海镇1号'), '内蒙古自治区呼伦贝尔市鄂温克族自治旗巴彦托海镇')
  t.equal(maskAddress('延边朝鲜族自治州延吉市河南街道'), '延边朝鲜族自治州延吉市河南街道')
})

t.test('a street word inside a place name does not cut it', async (t) => {
  t.equal(maskAddress('镇江市京口区象山街道12号'), '镇江市京口区象山街道', '镇 in 镇江市')
  t.equal(maskAddress('哈尔滨市道里区安静街12号'), '哈尔滨市道里区安静街', '道 in 道里区')
  t.equal(maskAddress('镇海路12号'), '镇海路', 'a street word needs a name before it')
})

t.test('without a street only the administrative prefix is kept', async (t) => {
  t.equal(maskAddress('南岗区阳光小区3栋2单元'), '南岗区', '小区 is not a district')
  t.equal(maskAddress('南岗区花园市场3号'), '南岗区', '市场 is not a city')
  t.equal(maskAddress('广东省广州市天河区'), '广东省广州市天河区')
})

t.test('when nothing can be kept the result is ***', async (t) => {
  t.equal(maskAddress('3号楼2单元'), '***')
  t.equal(maskAddress('阳光小区3栋'), '***')
  t.equal(maskAddress('12 Main Street'), '***')
  t.equal(maskAddress(''), '')
})
