# pyaot's prelude: NumPy functions written in the Python that pyaot compiles. A compiled function
# that calls one of these (as np.NAME, or as an array method listed in pyaot-infer's
# ARRAY_METHODS) gets an instance of it typed for its arguments, exactly like a call of a helper
# function of its own. Errors inside are reported at the user's call.
import numpy as np
