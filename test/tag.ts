import { tag } from '/work/main/src/core/segmenter';
for (const s of process.argv.slice(2)) console.log(tag(s).map(t=>t.word+'/'+t.tag).join(' '));
