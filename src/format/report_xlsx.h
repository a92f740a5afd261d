/*
 * report_xlsx.h: a report's snapshot as an Office Open XML workbook
 * (libxlsxwriter): a "Report" sheet with the title, period, cut-off,
 * marking and every paragraph, then one sheet per table or heat map with
 * a bold, frozen header row. Traffic lights and heat cells hold their
 * words and numbers; the fill only repeats them.
 */
#ifndef CCS_REPORT_XLSX_H
#define CCS_REPORT_XLSX_H

#include <stddef.h>

#include <jansson.h>

/**
 * @param snap borrowed: the report's snapshot
 * @param out OUT: new buffer of *len bytes, caller frees with free()
 * @return CCS_OK, CCS_EINVAL when @p snap lacks the expected shape,
 * CCS_EIO when the temporary file or the library fails, CCS_ENOMEM
 */
int	ccs_report_xlsx(const json_t *snap, char **out /* OUT */,
	    size_t *len /* OUT */);

#endif
