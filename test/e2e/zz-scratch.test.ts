import { it } from 'vitest';
import { launchKluis } from './harness/launch-kluis';
it('scratch', async () => {
  const h = await launchKluis();
  const page = h.page;
  await page.getByRole('button', { name: 'Try the local vault' }).click();
  await page.getByText('has no secrets yet').waitFor();
  await page.keyboard.press('Control+n');
  await page.getByRole('form', { name: 'New secret' }).waitFor();
  console.log(
    await page.evaluate(() =>
      [...document.querySelectorAll('i')]
        .map((i) => i.outerHTML + ' parent=' + i.parentElement?.outerHTML.slice(0, 200))
        .join('\n'),
    ),
  );
  await h.screenshot('dev-form');
  await h.close();
});
