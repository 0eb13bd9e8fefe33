// Case forms of Russian and Ukrainian place names, for the gazetteer build.
//
// Russian: genitive, prepositional and accusative come from `lvovich` (cityFrom, cityIn, cityTo), which
// knows the declension of Russian town names; dative and instrumental are derived from those by rule.
// Ukrainian: no library declines Ukrainian place names, so the forms are generated here by declension
// class, chosen by the ending of the nominative:
//   -ськ/-цьк and other consonant masculines   Бердянськ → Бердянська, Бердянську, Бердянськом
//   -ів/-іг (і → о in oblique cases)          Харків → Харкова, Харкові
//   -ь masculine                              Маріуполь → Маріуполя, Маріуполі, Маріуполем
//   -а feminine (к→ц, г→з, х→с before -і)     Горлівка → Горлівки, Горлівці, Горлівку, Горлівкою
//   -я / -ія feminine                         Олександрія → Олександрії, Олександрію, Олександрією
//   -жжя/-ття neuter (doubled consonant + я)  Запоріжжя → Запоріжжі, Запоріжжю, Запоріжжям
//   -е/-о neuter                              Гуляйполе → Гуляйполя, Гуляйполі; Дніпро → Дніпра, Дніпрі
//   -ове/-еве/-не/-ське neuter adjectival     Єнакієве → Єнакієвого, Єнакієвому, Єнакієвим
//   -ий/-ій masculine adjectival              Хмельницький → Хмельницького, Хмельницькому, Хмельницьким
//   -и plural                                 Пологи → Пологах, Пологам, Пологами
//   -щина/-ччина region names                 Луганщина → Луганщини, Луганщині, Луганщину, Луганщиною
// A name of several words declines its last noun-like word and any adjective before it
// ("Нова Каховка" → "Новій Каховці"); indeclinable words (-і, -у, -ю, foreign -и) stay as they are.
// Forms are generated, not looked up: an occasional wrong form is a string that no text contains.

import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const lvovich = require('lvovich');

const HUSHING = /[жчшщц]$/;

/** Russian case forms of a town name (nominative excluded). */
export function russianForms(name) {
  const out = new Set();
  let gen, loc, acc;
  try {
    gen = lvovich.cityFrom(name);
    loc = lvovich.cityIn(name);
    acc = lvovich.cityTo(name);
  } catch {
    return [];
  }
  for (const f of [gen, loc, acc]) if (f) out.add(f);
  // -ье neuter (Запорожье): lvovich leaves it undeclined.
  if (/ье$/.test(name)) {
    const stem = name.slice(0, -1);
    for (const e of ['я', 'ю', 'ем']) out.add(stem + e);
  }
  const words = name.split(' ');
  if (words.length === 1 && !name.includes('-')) {
    if (/[бвгджзклмнпрстфхцчшщ]$/.test(name) && gen === name + 'а') {
      out.add(name + 'у');
      out.add(name + (HUSHING.test(name) ? 'ем' : 'ом'));
    } else if (/[бвгджзклмнпрстфхцчшщ]$/.test(name) && gen && gen !== name && gen.endsWith('а')) {
      // fleeting vowel: Орёл → Орла → Орлу, Орлом
      const stem = gen.slice(0, -1);
      out.add(stem + 'у');
      out.add(stem + (HUSHING.test(stem) ? 'ем' : 'ом'));
    } else if (/ь$/.test(name) && gen && gen.endsWith('я')) {
      const stem = name.slice(0, -1);
      out.add(stem + 'ю');
      out.add(stem + 'ем');
    } else if (/ь$/.test(name) && gen && gen.endsWith('и')) {
      out.add(name + 'ю'); // Тверь → Тверью
    } else if (/й$/.test(name) && /[ао]й$|[^иы]й$/.test(name) && gen && gen.endsWith('я') && !/(ий|ый|ой)$/.test(name)) {
      const stem = name.slice(0, -1);
      out.add(stem + 'ю');
      out.add(stem + 'ем');
    } else if (/(ий|ый|ой)$/.test(name) && gen && gen.endsWith('ого')) {
      const stem = gen.slice(0, -3);
      out.add(stem + 'ому');
      out.add(stem + (/[кгх]$/.test(stem) || name.endsWith('ий') ? 'им' : 'ым'));
    } else if (/а$/.test(name) && loc) {
      out.add(loc); // dative = prepositional for -а feminines
      const stem = name.slice(0, -1);
      out.add(stem + (HUSHING.test(stem) ? 'ей' : 'ой'));
    } else if (/я$/.test(name)) {
      const stem = name.slice(0, -1);
      if (name.endsWith('ия')) out.add(stem + 'и');
      else out.add(stem + 'е');
      out.add(stem + 'ей');
    }
  }
  out.delete(name);
  return [...out].filter((f) => f && f.length > 1);
}

const UK_CONS = 'бвгґджзклмнпрстфхцчшщ';
const UK_HARD_CONS = new RegExp(`[${UK_CONS}]$`);

function ukFeminineLoc(stem) {
  // consonant alternation before -і: к→ц, г→з, х→с
  if (stem.endsWith('к')) return stem.slice(0, -1) + 'ці';
  if (stem.endsWith('г')) return stem.slice(0, -1) + 'зі';
  if (stem.endsWith('х')) return stem.slice(0, -1) + 'сі';
  return stem + 'і';
}

/** Case forms of one Ukrainian word that is a noun: [gen, dat, acc, ins, loc...]. */
function ukNoun(w) {
  const f = [];
  if (/(щина|ччина)$/.test(w) || /а$/.test(w)) {
    const stem = w.slice(0, -1);
    const soft = /[жчшщ]$/.test(stem);
    f.push(stem + (soft ? 'і' : 'и'), ukFeminineLoc(stem), stem + 'у', stem + (soft ? 'ею' : 'ою'));
  } else if (/ія$/.test(w)) {
    const stem = w.slice(0, -1);
    f.push(stem + 'ї', stem + 'ю', stem + 'єю');
  } else if (/([бвгджзклмнпрстфхцчшщ])\1я$/.test(w) || /(жжя|ччя|ття|лля|ння|ддя|сся|ззя|шшя)$/.test(w)) {
    const stem = w.slice(0, -1);
    f.push(stem + 'і', stem + 'ю', stem + 'ям');
  } else if (/я$/.test(w)) {
    const stem = w.slice(0, -1);
    f.push(stem + 'і', stem + 'ю', stem + 'ею');
  } else if (/(ове|еве|єве|иве|ине|не|ське|цьке|зьке)$/.test(w)) {
    const stem = w.slice(0, -1);
    f.push(stem + 'ого', stem + 'ому', stem + 'им');
  } else if (/е$/.test(w)) {
    const stem = w.slice(0, -1);
    f.push(stem + 'я', stem + 'і', stem + 'ю', stem + 'ем');
  } else if (/о$/.test(w)) {
    const stem = w.slice(0, -1);
    f.push(stem + 'а', stem + 'і', stem + 'у', stem + 'ом', ukFeminineLoc(stem));
  } else if (/(ий|ій)$/.test(w)) {
    const stem = w.slice(0, -2);
    f.push(stem + 'ого', stem + 'ому', stem + 'им', stem + 'ім');
  } else if (/ці$/.test(w)) {
    const stem = w.slice(0, -1);
    f.push(stem + 'ів', stem + 'ям', stem + 'ях', stem + 'ями');
  } else if (/и$/.test(w)) {
    const stem = w.slice(0, -1);
    f.push(stem, stem + 'ам', stem + 'ах', stem + 'ами');
  } else if (/ь$/.test(w)) {
    let stem = w.slice(0, -1);
    // Ірпінь → Ірпеня, Мелітопіль → Мелітополя
    const alt = stem.replace(/і([бвгджзклмнпрстфхцчшщ])$/, (m, c) => (c === 'л' ? 'о' : 'е') + c);
    for (const s of new Set([stem, alt])) f.push(s + 'я', s + 'ю', s + 'і', s + 'ем');
  } else if (/й$/.test(w)) {
    const stem = w.slice(0, -1);
    f.push(stem + 'я', stem + 'ю', stem + 'ї', stem + 'єм');
  } else if (UK_HARD_CONS.test(w)) {
    // Харків → Харкова, Чернігів → Чернігова: і → о in the last closed syllable
    const stems = new Set([w]);
    const alt = w.replace(/і([вгдзклмнпрст])$/, 'о$1');
    stems.add(alt);
    for (const s of stems) {
      const soft = /[жчшщ]$/.test(s);
      const sk = /(ськ|цьк|зьк)$/.test(s);
      f.push(s + 'а', s + 'у', ...(sk ? [] : [s + 'і', s + 'ові']), s + (soft ? 'ем' : 'ом'));
    }
  }
  return f;
}

/** Case forms of a Ukrainian adjective agreeing with a noun of the given ending. */
function ukAdjective(w, nounEnding) {
  if (/а$/.test(w) && /[ая]$/.test(nounEnding)) {
    const stem = w.slice(0, -1); // Нова → Нової, Новій, Нову, Новою
    return [stem + 'ої', stem + 'ій', stem + 'у', stem + 'ою', stem.replace(/н$/, 'нь') + 'ої'];
  }
  if (/(ий|ій)$/.test(w)) {
    const stem = w.slice(0, -2);
    return [stem + 'ого', stem + 'ому', stem + 'им', stem + 'ім'];
  }
  if (/е$/.test(w)) {
    const stem = w.slice(0, -1);
    return [stem + 'ого', stem + 'ому', stem + 'им'];
  }
  if (/і$/.test(w)) {
    const stem = w.slice(0, -1);
    return [stem + 'их', stem + 'им', stem + 'ими'];
  }
  return [];
}

/** Ukrainian case forms of a place name (nominative excluded). */
export function ukrainianForms(name) {
  const out = new Set();
  const words = name.split(' ');
  const last = words[words.length - 1];
  if (words.length === 1) {
    // hyphenated: Кам'янка-Дніпровська declines both parts; Ростов-на-Дону only the first
    const parts = last.split('-');
    if (parts.length === 2 && /^[А-ЯІЇЄҐ]/.test(parts[1])) {
      const a = ukNoun(parts[0]);
      const b = ukAdjective(parts[1], parts[0]);
      for (let i = 0; i < Math.min(a.length, b.length); i++) out.add(`${a[i]}-${b[i]}`);
    } else if (parts.length >= 3) {
      for (const f of ukNoun(parts[0])) out.add([f, ...parts.slice(1)].join('-'));
    } else {
      for (const f of ukNoun(last)) out.add(f);
    }
  } else if (words.length === 2) {
    const [a, b] = words;
    const nouns = ukNoun(b);
    const adj = ukAdjective(a, b);
    if (adj.length > 0) {
      // adjective + noun: a feminine pair declines case by case (Нової Каховки, Новій Каховці); other
      // pairs take every combination (few names, and a wrong pair is a string no text contains)
      if (/а$/.test(a) && /[ая]$/.test(b)) for (let i = 0; i < Math.min(4, nouns.length); i++) out.add(`${adj[i]} ${nouns[i]}`);
      else for (const x of adj) for (const y of nouns) out.add(`${x} ${y}`);
    } else if (/[А-ЯІЇЄҐ]/.test(b[0]) && /(а|ь|[бвгджзклмнпрстфхцчшщ])$/.test(a)) {
      for (const x of ukNoun(a)) out.add(`${x} ${b}`);
    }
  }
  out.delete(name);
  return [...out].filter((f) => f.length > 1);
}
