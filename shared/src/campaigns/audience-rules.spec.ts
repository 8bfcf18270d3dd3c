import { parseAudienceRules } from './audience-rules';

describe('parseAudienceRules', () => {
  it('accepts no rules (everyone) and every kind with good values', () => {
    expect(parseAudienceRules([])).toEqual({ ok: true, rules: [] });
    const rules = [
      { kind: 'tier', in: ['gold', 'diamond'] },
      { kind: 'joined', daysAgoMax: 30 },
      { kind: 'lastActive', daysAgoMin: 30, daysAgoMax: 90 },
      { kind: 'lastOrder', daysAgoMin: 0 },
      { kind: 'spend', min: 10000 },
      { kind: 'orders', min: 2, max: 2 },
      { kind: 'points', max: 0 },
      { kind: 'rfm', measure: 'r', min: 4, max: 5 },
      { kind: 'churnRisk', in: ['high'] },
      { kind: 'replenishment', fromDays: -3, toDays: 7 },
      { kind: 'expiringPoints', withinDays: 30, min: 100 },
      { kind: 'inviter', invited: true },
      { kind: 'platform', in: ['ios', 'android', 'windows', 'mac', 'devtools'] },
    ];
    expect(parseAudienceRules(rules)).toEqual({ ok: true, rules });
  });

  it.each<[string, unknown, string[]]>([
    ['not a list', { kind: 'tier' }, ['rules']],
    ['unknown kind', [{ kind: 'device', in: ['ios'] }], ['rules[0].kind']],
    ['unknown platform', [{ kind: 'platform', in: ['ios', 'symbian'] }], ['rules[0].in']],
    ['platform not a list, no platforms', [{ kind: 'platform', in: 'ios' }, { kind: 'platform', in: [] }, { kind: 'platform' }], ['rules[0].in', 'rules[1].in', 'rules[2].in', 'rules[2]']],
    ['duplicate platforms', [{ kind: 'platform', in: ['mac', 'mac'] }], ['rules[0].in']],
    ['missing kind', [{}], ['rules[0].kind']],
    ['not an object', [null, 3], ['rules[0]', 'rules[1]']],
    ['unknown tier and unknown field', [{ kind: 'tier', in: ['gold', 'bronze'], extra: 1 }], ['rules[0].extra', 'rules[0].in']],
    ['duplicate tiers', [{ kind: 'tier', in: ['gold', 'gold'] }], ['rules[0].in']],
    ['empty list', [{ kind: 'churnRisk', in: [] }], ['rules[0].in']],
    ['no bound', [{ kind: 'spend' }], ['rules[0]']],
    ['negative and fractional', [{ kind: 'spend', min: -1, max: 1.5 }], ['rules[0].min', 'rules[0].max']],
    ['string number', [{ kind: 'orders', min: '2' }], ['rules[0].min']],
    ['min over max', [{ kind: 'lastActive', daysAgoMin: 10, daysAgoMax: 5 }], ['rules[0].daysAgoMax']],
    ['rfm out of 1..5', [{ kind: 'rfm', measure: 'x', min: 0, max: 6 }], ['rules[0].measure', 'rules[0].min', 'rules[0].max']],
    ['required missing', [{ kind: 'expiringPoints', withinDays: 30 }], ['rules[0].min']],
    ['second rule bad', [{ kind: 'inviter', invited: true }, { kind: 'inviter', invited: 'yes' }], ['rules[1].invited']],
    ['invite code on members nobody invited', [{ kind: 'inviter', invited: false, inviteCode: 'AB12' }], ['rules[0].inviteCode']],
    ['malformed invite code', [{ kind: 'inviter', invited: true, inviteCode: "x'; --" }], ['rules[0].inviteCode']],
  ])('refuses %s, naming the fields', (_name, input, fields) => {
    const out = parseAudienceRules(input);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors.map((e) => e.field)).toEqual(fields);
  });

  it('refuses more than 20 rules', () => {
    const out = parseAudienceRules(Array.from({ length: 21 }, () => ({ kind: 'inviter', invited: true })));
    expect(out.ok).toBe(false);
  });
});
