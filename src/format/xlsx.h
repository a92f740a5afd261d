/*
 * xlsx.h: the gap analysis as Office Open XML spreadsheets (libxlsxwriter):
 * the regional matrix and one state's gap report, each with a bold, frozen
 * header row and cells whose fill shows the band while the text carries the
 * value, so nothing is told by colour alone.
 */
#ifndef CCS_XLSX_H
#define CCS_XLSX_H

#include <stddef.h>

#include <jansson.h>

/**
 * Spreadsheet of one state's gap report: a sheet of standards (priority
 * area, specific area, code, title, level, minimum, status, as of), a
 * summary by area and an "About" sheet.
 * @param gaps borrowed: the object ccs_gaps_state returns
 * @param out OUT: new buffer of *len bytes, caller frees with free()
 * @return CCS_OK, CCS_EINVAL when @p gaps lacks the expected shape, CCS_EIO
 *     when the temporary file or the library fails, CCS_ENOMEM
 */
int	ccs_xlsx_gaps_state(const json_t *gaps, char **out /* OUT */,
	    size_t *len /* OUT */);

/**
 * Spreadsheet of the regional matrix: states x priority areas and states x
 * specific areas (percent met, filled by band of 25 points), and "About".
 * @param matrix borrowed: the object ccs_gaps_matrix returns
 * @return as ccs_xlsx_gaps_state
 */
int	ccs_xlsx_gaps_matrix(const json_t *matrix, char **out /* OUT */,
	    size_t *len /* OUT */);

/**
 * Spreadsheet of the capacity coverage matrix: needs x states with the
 * stage named in each cell (the fill only repeats it), and a sheet of
 * the initiatives behind every covered cell.
 * @param cov borrowed: the object ccs_coverage returns
 * @return as ccs_xlsx_gaps_state
 */
int	ccs_xlsx_coverage(const json_t *cov, char **out /* OUT */,
	    size_t *len /* OUT */);

#endif
