/** Error analysis of the claim suggester on the training part of the GUM sets (never the held-out part). */
import { GENRES, isDev, loadGenre } from './gum';
import { dump, evalMinConfidence, formatAttributions, scoreAttributions } from './attributions';

const train = GENRES.flatMap((g) => loadGenre(g).filter((_, i) => !isDev(g, i)));
if (process.argv[2]) dump(train.filter((d) => d.genre === process.argv[2]));
for (const g of GENRES)
  console.log(
    g,
    formatAttributions(
      scoreAttributions(
        train.filter((d) => d.genre === g),
        { minConfidence: evalMinConfidence() },
      ),
    ),
  );
console.log('all', formatAttributions(scoreAttributions(train, { minConfidence: evalMinConfidence() })));
