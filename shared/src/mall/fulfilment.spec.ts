import { expressCompanyName, shippingItemDesc } from './fulfilment';

describe('fulfilment rules', () => {
  it.each([
    [[{ name: '帆布袋', quantity: 2 }], '帆布袋*2'],
    [[{ name: '帆布袋', quantity: 1 }, { name: '保温杯', quantity: 3 }], '帆布袋*1，保温杯*3'],
  ])('describes %j as %s', (lines, desc) => {
    expect(shippingItemDesc(lines)).toBe(desc);
  });

  it('cuts a long description to 120 characters', () => {
    const desc = shippingItemDesc(Array.from({ length: 30 }, (_, i) => ({ name: `商品名称${i}`, quantity: 1 })));
    expect(desc).toHaveLength(120);
    expect(desc.endsWith('…')).toBe(true);
  });

  it('names known express companies and passes unknown codes through', () => {
    expect(expressCompanyName('SF')).toBe('顺丰速运');
    expect(expressCompanyName('XYZ')).toBe('XYZ');
  });
});
