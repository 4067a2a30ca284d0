import Button from '@atlaskit/button/new';
import type { RegistryPage } from '../../../../src/contracts/registry';
import { Inline } from '../../../shared/layout';
import { useRegistryText } from '../i18n';

export function pageCount(result: Pick<RegistryPage, 'total' | 'pageSize'>): number {
  return Math.max(1, Math.ceil(result.total / result.pageSize));
}

export function Pager({ result, busy, onPage }: { result: RegistryPage; busy: boolean; onPage: (page: number) => void }) {
  const t = useRegistryText();
  const pages = pageCount(result);
  if (pages <= 1) return null;
  return (
    <nav aria-label={t('pagination')}>
      <Inline>
        <Button isDisabled={busy || result.page === 0} onClick={() => onPage(result.page - 1)}>
          {t('previous')}
        </Button>
        <Button isDisabled={busy || result.page + 1 >= pages} onClick={() => onPage(result.page + 1)}>
          {t('next')}
        </Button>
      </Inline>
    </nav>
  );
}
