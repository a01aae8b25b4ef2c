import KaderTUI
