"""Publishing: the offline copy, PDFs of the study sheets, and the files a site offers."""
