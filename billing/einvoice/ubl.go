package einvoice

func (x *xw) ubl(inv Invoice, p Profile) {}
