import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { formatInstantDay } from '../ui/dates';
import { usePrintPreparation } from '../ui/print';

/**
 * What a printed page says first, above its own heading: the organisation, and the day it was
 * printed ("In ngày 02/12/2026", in Vietnam). Shown only on paper (ui/print.css); the day is set
 * again as printing starts, so a page left open overnight says the day it is printed.
 */
export function PrintHeading({ organisationCode }: { organisationCode: string | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const printedOn = () =>
    t('print.printedOn', { date: formatInstantDay(new Date().toISOString(), language) });
  const date = useRef<HTMLSpanElement>(null);
  const organisation = useOrganisationName(organisationCode);
  usePrintPreparation(() => {
    if (date.current) date.current.textContent = printedOn();
  });
  return (
    <p className="print-heading">
      {organisation && <span className="print-organisation">{organisation[language]}</span>}
      <span ref={date} className="print-date">
        {printedOn()}
      </span>
    </p>
  );
}

/**
 * The organisation's name (a few hundred bytes, asked once for as long as the frame is shown);
 * none for a session from an e-mailed link, which may read its one task only.
 */
function useOrganisationName(code: string | null) {
  const [name, setName] = useState<{ vi: string; en: string } | null>(null);
  useEffect(() => {
    if (!code) return;
    let live = true;
    void api
      .GET('/api/v1/organisations/{code}', { params: { path: { code } } })
      .then(({ data }) => live && data && setName(data.name));
    return () => {
      live = false;
    };
  }, [code]);
  return name;
}
