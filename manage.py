#!/usr/bin/env python
from capdev.__main__ import main

if __name__ == "__main__":
    main()
