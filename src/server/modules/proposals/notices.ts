/** A member invited to co-sign is asked to confirm (commands; the demo's history). Read once they answer (`answered`). */
export const cosignNotice = (p: { id: string; title: string }) => ({ kind: 'cosign', title: `请确认附议：${p.title}`, href: `/proposals/${p.id}`, params: { title: p.title } });
